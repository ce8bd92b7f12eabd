import { mkdtempSync } from 'node:fs';
import { openDatabase } from './dist/src/db/database.js';
import { loadDemoDataIfEmpty } from './dist/src/db/seed/demo.js';
import { prepareLoadFixtures } from './dist/bench/support/loadFixtures.js';
import { loadConfig } from './dist/src/config.js';
import { buildApp } from './dist/src/server/app.js';
const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: mkdtempSync('/tmp/p2-') });
await database.migrate(); await loadDemoDataIfEmpty(database.db);
const fx = await prepareLoadFixtures(database, 20);
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost', OIDC_ISSUER: 'https://idp.invalid', OIDC_CLIENT_ID: 'b', OIDC_CLIENT_SECRET: 'b' });
const app = await buildApp({ config, database }, { logger: false });
await app.ready();
const client = database.db.$client;
let nq = 0, dbms = 0; const texts = new Map();
for (const m of ['query', 'exec', 'execProtocol']) { const orig = client[m]?.bind(client); if (!orig) continue; client[m] = async (...a) => { const k = String(a[0]).slice(0, 90); if (m !== 'execProtocol') { nq++; } const t = performance.now(); try { return await orig(...a); } finally { if (m !== 'execProtocol') { const d = performance.now() - t; dbms += d; texts.set(k, (texts.get(k) ?? 0) + d); } } }; }
const p = fx.procurementId; const a = fx.agencies[0];
const urls = [
 ['GET', '/tjenester', {}], ['GET', '/statistikk/fravalg', {}], ['GET', '/api/v1/stats/optouts', {}],
 ['GET', `/anskaffelser/${p}/erklaeringer`, { cookie: fx.provider.cookie }], ['GET', `/api/v1/procurements/${p}/declarations`, { cookie: fx.provider.cookie }],
 ['GET', `/api/v1/procurements/${p}/declarations`, { cookie: a.cookie }], ['GET', '/min-side', { cookie: a.cookie }], ['GET', `/anskaffelser/${p}/erklaering?virksomhet=${a.orgnr}`, { cookie: a.cookie }],
 ['PUT', `/api/v1/procurements/${p}/declarations/${a.orgnr}`, { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' }],
];
const verbose = process.argv[2];
for (const [method, u, h] of urls) {
  for (let i = 0; i < 5; i++) await app.inject({ method, url: u, headers: h, payload: method === 'PUT' ? JSON.stringify({ answers: { reason: fx.reasons[i % 2] } }) : undefined });
  nq = 0; dbms = 0; texts.clear(); const N = 40; const t = performance.now(); let st;
  for (let i = 0; i < N; i++) { const r = await app.inject({ method, url: u, headers: h, payload: method === 'PUT' ? JSON.stringify({ answers: { reason: fx.reasons[i % 2] } }) : undefined }); st = r.statusCode; }
  const ms = (performance.now() - t) / N;
  console.log(`${st} ${ms.toFixed(2).padStart(6)} ms/req, ${(nq / N).toFixed(1).padStart(5)} queries, db ${(dbms / N).toFixed(2)} ms  ${method} ${u.slice(0, 60)}`);
  if (verbose) for (const [k, v] of texts) console.log('     ', (v / N).toFixed(2), 'ms', k.replace(/\s+/g, ' '));
}
process.exit(0);
