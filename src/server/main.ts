import { enableCompileCache } from 'node:module';
import { devSignInAllowed, loadConfigOrReport } from '../config.js';
import type { DevProvider } from '../auth/devProvider.js';

/** `npm start`: open (and migrate) the database, load the demo dataset into an empty one, serve the portal. */
async function main() {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  // V8's code cache on disk (os.tmpdir()/node-compile-cache): a second start reuses the compiled modules instead of
  // compiling a few hundred files again.
  enableCompileCache?.();
  // The application is loaded once the configuration holds: a configuration error is reported at once, without
  // loading the engines, the ORM and every resource first (seconds of a busy machine's time). The development
  // provider loads alongside (its modules are many), while the database opens.
  const devModule = devSignInAllowed(config) ? import('../auth/devProvider.js') : undefined;
  devModule?.catch(() => {});
  // The database opens (PGlite: instantiating its WebAssembly) while the application's modules load.
  const opening = import('../db/database.js').then(async ({ openDatabase }) => {
    const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await handle.migrate();
    return handle;
  });
  const [database, { loadDemoDataIfEmpty }, { ensureQuestionnaires }, { endInterruptedImports }, { buildApp }] = await Promise.all([
    opening,
    import('../db/seed/demo.js'),
    import('../db/seed/questionnaires.js'),
    import('../imports/enhetsregisteret/importer.js'),
    import('./app.js'),
  ]);
  await ensureQuestionnaires(database.db);
  const interrupted = await endInterruptedImports(database.db);
  if (interrupted) console.log(`${interrupted} interrupted import run(s) marked as failed.`);
  if (config.seedDemo) {
    const loaded = await loadDemoDataIfEmpty(database.db);
    if (loaded) console.log(`Demo dataset loaded: ${loaded.services} services, ${loaded.agencies} agencies, ${loaded.subscriptions} subscriptions.`);
  }
  // Development without an identity provider, on loopback: run the embedded one on loopback, with the demo users.
  // Never in production or test, and never for a portal others can reach (the demo users need no password).
  let devProvider: DevProvider | undefined;
  if (devSignInAllowed(config)) {
    // Loaded only here: production never loads the development provider.
    const { startDevProvider } = await devModule!;
    devProvider = await startDevProvider({
      redirectUri: `${config.publicUrl}/auth/callback`,
      apiAudience: config.apiAudience,
      port: config.devOidcPort,
      host: config.host === '::1' || config.host === '[::1]' ? '::1' : '127.0.0.1',
    });
    config.oidc = { issuer: devProvider.issuer, clientId: devProvider.clientId, clientSecret: devProvider.clientSecret, promptLogin: true };
    console.log(`Development sign-in (OIDC) at ${devProvider.issuer}; the demo users are listed on /logg-inn.`);
  } else if (!config.oidc) {
    console.log('No sign-in: the development sign-in runs only in development on loopback (HOST and PUBLIC_URL); set OIDC_ISSUER otherwise.');
  }
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
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(`Fellestjenester is running at http://${config.host}:${port}/ on ${where}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
