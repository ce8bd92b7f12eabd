/**
 * The portal for a benchmark, in its own process (so the load generator does not share its event loop):
 * prints "READY <url>" when listening; SIGTERM stops it. DATABASE_URL selects PostgreSQL, else PGlite.
 */
import { startBenchServer } from './server.js';

const server = await startBenchServer();
console.log(`READY ${server.url} ${server.engine}`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
