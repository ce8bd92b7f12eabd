/**
 * The portal for a benchmark, in its own process (so the load generator does not share its event loop):
 * prints "READY <url>" when listening; SIGTERM stops it. DATABASE_URL selects PostgreSQL, else PGlite.
 */
import { loadDemoDataIfEmpty } from '../../src/db/seed/demo.js';
import { type LoadFixtures, prepareLoadFixtures } from './loadFixtures.js';
import { startBenchServer } from './server.js';

// BENCH_FIXTURES=load (bench/load.ts): sessions and declarations made here, in the server's process (PGlite is
// single-process), and printed as one "FIXTURES <json>" line before READY.
let fixtures: LoadFixtures | undefined;
const server = await startBenchServer(
  process.env.BENCH_FIXTURES === 'load'
    ? async (database) => {
        await loadDemoDataIfEmpty(database.db);
        fixtures = await prepareLoadFixtures(database, Number(process.env.BENCH_AGENCY_USERS ?? 20));
      }
    : undefined,
);
if (fixtures) console.log(`FIXTURES ${JSON.stringify(fixtures)}`);
console.log(`READY ${server.url} ${server.engine}`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
