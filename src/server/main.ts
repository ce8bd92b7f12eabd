import { loadConfigOrReport } from '../config.js';
import { openDatabase } from '../db/database.js';
import { loadDemoDataIfEmpty } from '../db/seed/demo.js';
import { buildApp } from './app.js';

/** `npm start`: open (and migrate) the database, load the demo dataset into an empty one, serve the portal. */
async function main() {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  await database.migrate();
  if (config.seedDemo) {
    const loaded = await loadDemoDataIfEmpty(database.db);
    if (loaded) console.log(`Demo dataset loaded: ${loaded.services} services, ${loaded.agencies} agencies, ${loaded.subscriptions} subscriptions.`);
  }
  const app = await buildApp({ config, database });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    try {
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`Fellestjenester is running at http://${config.host}:${port}/ on ${where}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
