import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from '../auth/plugin.js';
import { providers } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { editsProvider, isAdmin } from '../domain/principal.js';
import { messages } from '../web/i18n/index.js';
import { HttpProblem } from './problem.js';
import type { AppDeps } from './types.js';

/** The signed-in principal acting in this request (401 for the public), at the app's clock. */
export function actorOf(req: FastifyRequest, deps: AppDeps): Actor {
  return { principal: requirePrincipal(req), requestId: String(req.id), viaApi: req.url.startsWith('/api/'), now: (deps.clock ?? (() => new Date()))() };
}

/**
 * The signed-in principal acting for a provider — its provider editor or an administrator — with the provider it
 * acts for. 401 when nobody is signed in (pages redirect to sign-in), 404 for an unknown provider, 403 for anyone
 * else. Commands re-check the scope (`authoriseProvider` in src/imports/usage/usageImport.ts).
 */
export async function requireProviderActor(req: FastifyRequest, providerSlug: string): Promise<{ actor: Actor; providerId: string }> {
  const actor = actorOf(req, req.server.deps);
  const t = messages[req.lang];
  const [provider] = await req.server.deps.database.db.select({ id: providers.id }).from(providers).where(eq(providers.slug, providerSlug));
  if (!provider) throw new HttpProblem(404, t.errors.unknownProvider(providerSlug));
  if (!isAdmin(actor.principal) && !editsProvider(actor.principal, provider.id)) throw new HttpProblem(403, t.usageImport.forbidden, { roles: ['provider_editor', 'admin'] });
  return { actor, providerId: provider.id };
}
