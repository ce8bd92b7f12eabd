import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { createSession } from '../../src/auth/sessions.js';
import { type Database, type DatabaseHandle, queryRows, sql } from '../../src/db/database.js';
import { agencies, declarations, procurements, questionnaires, roleAssignments, users } from '../../src/db/schema/index.js';

/** What bench/load.ts needs from the server's database: a consultation with ~180 opt-outs and real sessions. */
export interface LoadFixtures {
  procurementId: string;
  reasons: string[];
  /** The provider editor (Statens innkjøpssenter) who reads the overview. */
  provider: { cookie: string; csrf: string };
  /** Agency editors, each for one agency, who read and change their own declaration. */
  agencies: { orgnr: string; cookie: string; csrf: string }[];
  serviceSlugs: string[];
  providerSlugs: string[];
}

const SESSION = { idleMinutes: 240, maxHours: 12 };

/**
 * The demo's procurement in consultation, with an opt-out from every state agency and ministry that has none yet
 * (~180 in all, a realistic overview), except the first `keep` of them, which are returned undeclared.
 */
export async function optOutEveryone(db: Database, keep = 0) {
  const [travel] = await db.select().from(procurements).where(eq(procurements.status, 'consultation'));
  const [q] = await db.select().from(questionnaires).where(eq(questionnaires.id, travel!.questionnaireId));
  const reasons = q!.definition.questions[0]!.options!.map((o) => o.value).filter((v) => v !== 'other');
  const declared = (await db.select({ o: declarations.agencyOrgnr }).from(declarations).where(eq(declarations.procurementId, travel!.id))).map((r) => r.o);
  const rest = await db
    .select({ orgnr: agencies.orgnr })
    .from(agencies)
    .where(and(inArray(agencies.kind, ['agency', 'ministry']), isNull(agencies.deletedOn), notInArray(agencies.orgnr, declared.length ? declared : ['-'])));
  const now = new Date();
  const optedOut = rest.slice(keep);
  if (optedOut.length) {
    await db.insert(declarations).values(
      optedOut.map((a, i) => ({ procurementId: travel!.id, agencyOrgnr: a.orgnr, kind: 'opt_out' as const, questionnaireId: q!.id, answers: { reason: reasons[i % reasons.length]! }, submittedAt: now, updatedAt: now, submittedBy: 'Benchmark', followUp: 'to_contact' as const })),
    );
  }
  return { procurementId: travel!.id, reasons, rest, total: declared.length + optedOut.length };
}

/** Headers that act as a demo user (by e-mail) in a benchmark's requests: a fresh session cookie and its CSRF token. */
export async function demoUserHeaders(db: Database, email: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no demo user ${email}`);
  const s = await createSession(db, u.id, SESSION);
  return { cookie: `ft_session=${s.token}`, 'x-csrf-token': s.csrfToken };
}

/** Runs inside the bench server's process (PGlite is single-process): users, roles and sessions straight in the DB. */
export async function prepareLoadFixtures(database: DatabaseHandle, agencyUsers: number): Promise<LoadFixtures> {
  const db = database.db;
  const { procurementId, reasons, rest } = await optOutEveryone(db, agencyUsers);
  const writers = rest.slice(0, agencyUsers);
  // The writers are agencies without a declaration yet: a database a previous run filled has none left, and the write
  // class would then send nothing (and report nothing) rather than fail.
  if (writers.length < agencyUsers) throw new Error(`load fixtures: ${writers.length} undeclared agencies for ${agencyUsers} writers; point DATABASE_URL at a new, empty database`);
  const [siri] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'siri.aas@sis.example'));
  const ps = await createSession(db, siri!.id, SESSION);
  const agencySessions: LoadFixtures['agencies'] = [];
  for (const [i, a] of writers.entries()) {
    const [u] = await db.insert(users).values({ name: `Lastbruker ${i + 1}`, email: `last-${i + 1}@bench.example` }).returning({ id: users.id });
    await db.insert(roleAssignments).values({ userId: u!.id, role: 'agency_editor', agencyOrgnr: a.orgnr });
    const s = await createSession(db, u!.id, SESSION);
    agencySessions.push({ orgnr: a.orgnr, cookie: `ft_session=${s.token}`, csrf: s.csrfToken });
  }
  const services = await queryRows<{ slug: string }>(db, sql`select slug from services order by slug limit 12`);
  const provs = await queryRows<{ slug: string }>(db, sql`select slug from providers order by slug limit 6`);
  return {
    procurementId,
    reasons,
    provider: { cookie: `ft_session=${ps.token}`, csrf: ps.csrfToken },
    agencies: agencySessions,
    serviceSlugs: services.map((r) => r.slug),
    providerSlugs: provs.map((r) => r.slug),
  };
}
