/**
 * Benchmark: what signed-in people do — the procurement list, a provider's overview of ~180 opt-outs, its CSV
 * export, and an agency repeating its declaration (session cookie + CSRF, idempotent: the read-and-compare path).
 *   npm run bench:acts                      # PGlite
 *   DATABASE_URL=postgres://… npm run bench:acts
 * Env: DURATION (s, default 10), CONNECTIONS (default 20).
 */
import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { createSession } from '../src/auth/sessions.js';
import { agencies, declarations, procurements, questionnaires, users } from '../src/db/schema/index.js';
import { load, printTable, type LoadResult } from './support/http.js';
import { machineCaveat, startBenchServer } from './support/server.js';

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);

const server = await startBenchServer();
try {
  const db = server.database.db;
  const [travel] = await db.select().from(procurements).where(eq(procurements.status, 'consultation'));
  const [q] = await db.select().from(questionnaires).where(eq(questionnaires.id, travel!.questionnaireId));
  // Every other state agency opts out too, so the overview has a realistic ~180 rows.
  const declared = (await db.select({ o: declarations.agencyOrgnr }).from(declarations).where(eq(declarations.procurementId, travel!.id))).map((r) => r.o);
  const rest = await db
    .select({ orgnr: agencies.orgnr })
    .from(agencies)
    .where(and(inArray(agencies.kind, ['agency', 'ministry']), isNull(agencies.deletedOn), notInArray(agencies.orgnr, declared.length ? declared : ['-'])));
  const reasons = q!.definition.questions[0]!.options!.map((o) => o.value).filter((v) => v !== 'other');
  const now = new Date();
  if (rest.length) {
    await db.insert(declarations).values(
      rest.map((a, i) => ({ procurementId: travel!.id, agencyOrgnr: a.orgnr, kind: 'opt_out' as const, questionnaireId: q!.id, answers: { reason: reasons[i % reasons.length]! }, submittedAt: now, updatedAt: now, submittedBy: 'Benchmark', followUp: 'to_contact' as const })),
    );
  }
  const session = async (email: string) => {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const s = await createSession(db, u!.id, { idleMinutes: 60, maxHours: 2 });
    return { cookie: `ft_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  };
  const provider = await session('siri.aas@sis.example');
  const agency = await session('lise.berg@lottstift.example');
  const total = rest.length + declared.length;
  const results: LoadResult[] = [];
  results.push(await load('API procurements', `${server.url}/api/v1/procurements`, { connections, duration }));
  results.push(await load('page procurement (public)', `${server.url}/anskaffelser/${travel!.id}`, { connections, duration }));
  results.push(await load(`page overview, ${total} opt-outs`, `${server.url}/anskaffelser/${travel!.id}/erklaeringer`, { connections, duration, headers: provider }));
  results.push(await load(`CSV, ${total} opt-outs`, `${server.url}/anskaffelser/${travel!.id}/erklaeringer.csv`, { connections, duration, headers: provider }));
  results.push(
    await load('PUT declaration (repeat)', `${server.url}/api/v1/procurements/${travel!.id}/declarations/982391490`, {
      connections,
      duration,
      method: 'PUT',
      headers: { ...agency, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { reason: 'cost' } }),
    }),
  );
  printTable(`Signed-in work on ${server.engine}: ${connections} connections × ${duration} s each`, results);
  console.log(machineCaveat());
} finally {
  await server.close();
}
