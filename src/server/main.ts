import cluster from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { enableCompileCache } from 'node:module';
import { type Config, devSignInAllowed, loadConfigOrReport } from '../config.js';
import type { ListeningDevProvider } from '../auth/devProvider.js';
import type { DatabaseHandle } from '../db/database.js';
import { poolSizePerWorker, runPrimary, searchPoolPerWorker, webConcurrency, workerOidc } from './cluster.js';

/**
 * `npm start`: open (and migrate) the database, load the demo dataset into an empty one, serve the portal. On
 * PostgreSQL with WEB_CONCURRENCY > 1 (default: one per core) this process prepares the database, runs the
 * development sign-in if any, and forks that many worker processes that serve (src/server/cluster.ts).
 */
async function main() {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const workers = webConcurrency(process.env, config.databaseUrl);
  if (typeof workers === 'string') {
    console.error(`Configuration error: ${workers}`);
    process.exit(2);
  }
  config.databasePoolSize ??= poolSizePerWorker(workers);
  config.databaseSearchPoolSize ??= searchPoolPerWorker(workers);
  // V8's code cache on disk (os.tmpdir()/node-compile-cache): a second start reuses the compiled modules instead of
  // compiling a few hundred files again.
  enableCompileCache?.();
  if (cluster.isWorker) return serve(config, workerOidc());
  // The embedded engine's WebAssembly (9 MB) compiles on V8's background threads while the modules below are
  // evaluated on this one (src/db/pgliteFiles.ts).
  if (!config.databaseUrl) (await import('../db/pgliteFiles.js')).loadPgliteFiles().catch(() => {});
  // The application is loaded once the configuration holds: a configuration error is reported at once, without
  // loading the engines, the ORM and every resource first (seconds of a busy machine's time).
  const devModule = devSignInAllowed(config) ? import('../auth/devProvider.js') : undefined;
  devModule?.catch(() => {});
  const appModule = workers > 1 ? undefined : import('./app.js');
  appModule?.catch(() => {});
  const database = await prepareDatabase(config);
  // Development without an identity provider, on loopback: run the embedded one on loopback, with the demo users.
  // Never in production or test, and never for a portal others can reach (the demo users need no password).
  // It listens now (the portal's sign-in settings need its address) and is set up once the portal listens.
  let devProvider: ListeningDevProvider | undefined;
  if (devSignInAllowed(config)) {
    // Loaded only here: production never loads the development provider.
    const { listenDevProvider } = await devModule!;
    devProvider = await listenDevProvider({
      redirectUri: `${config.publicUrl}/auth/callback`,
      apiAudience: config.apiAudience,
      port: config.devOidcPort,
      host: config.host === '::1' || config.host === '[::1]' ? '::1' : '127.0.0.1',
    });
    config.oidc = { issuer: devProvider.issuer, clientId: devProvider.clientId, clientSecret: devProvider.clientSecret, promptLogin: true };
  } else if (!config.oidc) {
    console.log('No sign-in: the development sign-in runs only in development on loopback (HOST and PUBLIC_URL); set OIDC_ISSUER otherwise.');
  }
  if (workers > 1) {
    await database.close();
    await setUpDevProvider(devProvider);
    return runPrimary(config, workers, devProvider);
  }
  return serve(config, config.oidc, database, devProvider);
}

async function setUpDevProvider(devProvider: ListeningDevProvider | undefined): Promise<void> {
  if (!devProvider) return;
  await devProvider.setUp();
  console.log(`Development sign-in (OIDC) at ${devProvider.issuer}; the demo users are listed on /logg-inn.`);
}

/** Migrates, makes sure of the questionnaires, ends interrupted imports and loads the demo data into an empty database. */
async function prepareDatabase(config: Config): Promise<DatabaseHandle> {
  // The database opens (PGlite: instantiating its WebAssembly) while the seeding modules load.
  const [{ openDatabase }, { loadDemoDataIfEmpty }, { ensureQuestionnaires }, { endInterruptedImports }] = await Promise.all([
    import('../db/database.js'),
    import('../db/seed/demo.js'),
    import('../db/seed/questionnaires.js'),
    import('../imports/enhetsregisteret/importer.js'),
  ]);
  const database = await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, searchPoolSize: config.databaseSearchPoolSize, dataDir: config.dataDir, versionFeed: true });
  await database.migrate();
  await ensureQuestionnaires(database.db);
  const interrupted = await endInterruptedImports(database.db);
  if (interrupted) console.log(`${interrupted} interrupted import run(s) marked as failed.`);
  if (config.seedDemo) {
    const loaded = await loadDemoDataIfEmpty(database.db);
    // The count the pages show is "state agencies in the register"; the file also holds municipalities, counties
    // and deleted organisations, so the log says both.
    if (loaded) {
      const state = await (await import('../db/agencyCount.js')).stateAgencyCount(database.db);
      console.log(`Demo dataset loaded: ${loaded.services} services, ${state} state agencies in the register (${loaded.agencies} organisations loaded, with municipalities, counties and deleted ones), ${loaded.subscriptions} subscriptions.`);
    }
  }
  return database;
}

/** Serves the portal in this process (the only one, or a worker of the primary: the database is prepared then). */
async function serve(config: Config, oidc: Config['oidc'], prepared?: DatabaseHandle, devProvider?: ListeningDevProvider) {
  config.oidc = oidc;
  const [{ openDatabase }, { buildApp }] = await Promise.all([import('../db/database.js'), import('./app.js')]);
  const database = prepared ?? (await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, searchPoolSize: config.databaseSearchPoolSize, dataDir: config.dataDir, versionFeed: true }));
  const app = await buildApp({ config, database });
  let closing = false;
  // Graceful shutdown: Fastify stops accepting connections, answers 503 on kept-alive ones, closes idle ones and
  // waits for the requests in flight (each write is one transaction, so a cut-off one would be rolled back anyway).
  // A request that hangs longer than SHUTDOWN_TIMEOUT_SECONDS does not keep the node alive.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      app.log.error({ timeoutSeconds: config.shutdownTimeoutSeconds }, 'requests still running at the shutdown deadline: exiting');
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    force.unref();
    try {
      await app.close();
      await devProvider?.close();
    } finally {
      await database.close();
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // A worker's primary says where the portal runs, once all its workers listen.
  if (cluster.isWorker) return;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`Fellestjenester is running at http://${config.host}:${port}/ on ${where}.`);
  if (devProvider) {
    // The development sign-in is set up after the first response (or after 2 s without one), so the first page does
    // not wait for it; a sign-in that comes earlier starts it and waits (src/auth/devProvider.ts).
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      setUpDevProvider(devProvider).catch((e: unknown) => console.error('The development sign-in could not start:', e));
    };
    const timer = setTimeout(start, 2000);
    app.server.once('request', (_req: IncomingMessage, res: ServerResponse) => res.once('close', start));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
