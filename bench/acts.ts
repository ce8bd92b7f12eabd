/**
 * Benchmark: what signed-in people do — the procurement list, a provider's overview of ~180 opt-outs, its CSV
 * export, and an agency repeating its declaration (session cookie + CSRF, idempotent: the read-and-compare path).
 *   npm run bench:acts                      # PGlite
 *   DATABASE_URL=postgres://… npm run bench:acts
 * Env: DURATION (s, default 10), CONNECTIONS (default 20).
 */
import { demoUserHeaders, optOutEveryone } from './support/loadFixtures.js';
import { load, printTable, type LoadResult } from './support/http.js';
import { machineCaveat, startBenchServer } from './support/server.js';

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);

const server = await startBenchServer();
try {
  const db = server.database.db;
  const { procurementId, total } = await optOutEveryone(db);
  const session = (email: string) => demoUserHeaders(db, email);
  const provider = await session('siri.aas@sis.example');
  const agency = await session('lise.berg@lottstift.example');
  const results: LoadResult[] = [];
  results.push(await load('API procurements', `${server.url}/api/v1/procurements`, { connections, duration }));
  results.push(await load('page procurement (public)', `${server.url}/anskaffelser/${procurementId}`, { connections, duration }));
  results.push(await load(`page overview, ${total} opt-outs`, `${server.url}/anskaffelser/${procurementId}/erklaeringer`, { connections, duration, headers: provider }));
  results.push(await load(`CSV, ${total} opt-outs`, `${server.url}/anskaffelser/${procurementId}/erklaeringer.csv`, { connections, duration, headers: provider }));
  results.push(
    await load('PUT declaration (repeat)', `${server.url}/api/v1/procurements/${procurementId}/declarations/982391490`, {
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
