import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigOrReport } from '../config.js';
import { commandArgs, EXIT, runCli } from './run.js';

const USAGE = `Usage: npm run backup -- <file>      writes a backup of the whole database
       npm run restore -- <file>     replaces the database with a backup

Uses DATABASE_URL (pg_dump custom format; consistent while the portal runs), else PGlite in DATA_DIR (a gzip
tarball of the data directory; stop the portal first: PGlite is single-process). A restore replaces everything in
one transaction (PostgreSQL) or swaps the data directory, keeping the old one as <DATA_DIR>.before-restore-<time>
(PGlite). It prints every table's row count afterwards.

Exit codes: 0 done, 1 the backup or restore failed (nothing was changed), 2 wrong usage.`;

async function main(mode: 'backup' | 'restore'): Promise<number> {
  const args = commandArgs(process.argv.slice(3), { values: [], flags: ['help'] }, USAGE);
  if (typeof args === 'number') return args;
  const [file, ...extra] = args.positional;
  if (!file || extra.length) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const config = loadConfigOrReport();
  if (!config) return EXIT.usage;
  const path = resolve(file);
  // A wrong path is answered before the database engines and the ORM are loaded (seconds on a busy machine).
  if (mode === 'restore' && !(existsSync(path) && statSync(path).isFile())) {
    console.error(`Restore failed: No such file: ${path}`);
    return EXIT.failed;
  }
  const [{ openDatabase }, { BackupError, backupPglite, backupPostgres, fingerprintTables, restorePglite, restorePostgres }] = await Promise.all([
    import('../db/database.js'),
    import('../ops/backup.js'),
  ]);
  const started = performance.now();
  try {
    if (mode === 'backup') {
      if (config.databaseUrl) await backupPostgres(config.databaseUrl, path);
      else await backupPglite(config.dataDir, path);
      console.log(`Backup written to ${path} (${config.databaseUrl ? 'PostgreSQL, pg_dump custom format' : `PGlite data directory ${config.dataDir}`}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      return EXIT.ok;
    }
    let kept: string | undefined;
    if (config.databaseUrl) await restorePostgres(config.databaseUrl, path);
    else kept = await restorePglite(config.dataDir, path);
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
    try {
      const tables = await fingerprintTables(database.db);
      console.log(`Restored ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tables.length} tables.`);
      for (const t of tables) console.log(`  ${t.table.padEnd(48)} ${String(t.rows).padStart(8)} rows`);
    } finally {
      await database.close();
    }
    if (kept) console.log(`The previous data directory is kept in ${kept}.`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(`${mode === 'backup' ? 'Backup' : 'Restore'} failed: ${e.message}`);
      return EXIT.failed;
    }
    throw e;
  }
}

const mode = process.argv[2];
if (mode !== 'backup' && mode !== 'restore') {
  console.error(USAGE);
  process.exit(EXIT.usage);
}
runCli(() => main(mode));
