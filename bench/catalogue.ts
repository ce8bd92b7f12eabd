/**
 * Benchmark: the catalogue's search API and pages under load (autocannon, 50 connections by default).
 *   npm run bench:catalogue                      # PGlite
 *   DATABASE_URL=postgres://… npm run bench:catalogue
 * Env: DURATION (s, default 10), CONNECTIONS (default 50).
 */
import { load, printTable, type LoadResult } from './support/http.js';
import { machineCaveat, startServerProcess } from './support/server.js';

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);

const server = await startServerProcess();
try {
  const first = (await (await fetch(`${server.url}/api/v1/services?limit=1&sort=name`)).json()) as { items: { slug: string }[] };
  const slug = first.items[0]?.slug ?? 'lonnstjenester';
  const targets: [string, string][] = [
    ['API search q=lønn', '/api/v1/services?q=l%C3%B8nn'],
    ['API facets area+model', '/api/v1/services?area=lonn&model=central'],
    ['API typo q=regnskp', '/api/v1/services?q=regnskp'],
    ['page /tjenester', '/tjenester'],
    ['page /tjenester?q=arkiv', '/tjenester?q=arkiv'],
    ['page service', `/tjenester/${slug}`],
    ['page home', '/'],
  ];
  const results: LoadResult[] = [];
  for (const [label, path] of targets) results.push(await load(label, server.url + path, { connections, duration }));
  printTable(`Catalogue on ${server.engine}: ${connections} connections × ${duration} s each`, results);
  console.log(`Server RSS after the run: ${server.rssMb().toFixed(0)} MB (server in its own process; load generator in another).`);
  console.log(machineCaveat());
} finally {
  await server.close();
}
