import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { appSecrets } from '../db/schema/index.js';

/**
 * The secret that signs short-lived browser state (the login cookie): SESSION_SECRET when configured, else one
 * generated once and kept in the database, so every app node uses the same without configuration.
 */
export async function signingSecret(db: Executor, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.insert(appSecrets).values({ name: 'signing', value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, 'signing'));
  return row!.value;
}

/** `value.signature`, HMAC-SHA256. */
export function sign(value: string, secret: string): string {
  return `${value}.${createHmac('sha256', secret).update(value).digest('base64url')}`;
}

/** The value of a signed string, or undefined when the signature does not match. */
export function unsign(signed: string, secret: string): string | undefined {
  const i = signed.lastIndexOf('.');
  if (i <= 0) return undefined;
  const value = signed.slice(0, i);
  const expected = Buffer.from(sign(value, secret).slice(i + 1));
  const given = Buffer.from(signed.slice(i + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : undefined;
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
