import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type Executor, queryRows, sql } from '../db/database.js';

/**
 * Backups of the whole database, for both engines:
 * - PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean --if-exists --single-transaction` (Debian's client
 *   binaries, on PATH or under /usr/lib/postgresql/<newest>/bin). Consistent while the portal runs. The password
 *   goes to the tools in PGPASSWORD, never on their command line.
 * - PGlite: its data directory as a gzip tarball (PGlite's own dump). PGlite is single-process: stop the portal
 *   first. A restore builds the new data directory beside the old one and swaps them, keeping the old one as
 *   `<dir>.before-restore-<time>`; a failed restore leaves the old one in place.
 */

export class BackupError extends Error {}

/** The newest PostgreSQL client tool: on PATH first, else Debian's versioned directories. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', name))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new BackupError(`${name} not found: install the PostgreSQL client (apt-get install postgresql-client)`);
  return join(base, versions[0]!, 'bin', name);
}

/** The URL without its password, and the password for PGPASSWORD. */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new BackupError(`${cmd}: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd.split('/').at(-1)} failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

export async function backupPostgres(url: string, file: string): Promise<void> {
  const c = connection(url);
  mkdirSync(dirname(file), { recursive: true });
  // Written beside the target and renamed at the end: a failed dump never leaves a truncated file under that name.
  const partial = `${file}.partial`;
  try {
    await runTool(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${c.url}`], c.env);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Replaces every object the dump holds, in one transaction: on an error nothing is changed. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`);
  const c = connection(url);
  await runTool(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${c.url}`, file], c.env);
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`No PGlite database in ${dataDir}`);
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  try {
    const blob = await client.dumpDataDir('gzip');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.partial`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${file}.partial`, file);
  } finally {
    await client.close();
    rmSync(`${file}.partial`, { force: true });
  }
}

/** Returns where the previous data directory was kept, if there was one. */
export async function restorePglite(dataDir: string, file: string): Promise<string | undefined> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`No such file: ${file}`);
  const incoming = `${dataDir}.restoring`;
  rmSync(incoming, { recursive: true, force: true });
  mkdirSync(incoming, { recursive: true });
  try {
    const client = await PGlite.create({ dataDir: incoming, loadDataDir: new Blob([readFileSync(file)]), extensions: { pg_trgm } });
    // Proves the restored directory opens and holds a migrated portal database before anything is swapped.
    await client.query('select count(*) from drizzle.__drizzle_migrations');
    await client.close();
  } catch (e) {
    rmSync(incoming, { recursive: true, force: true });
    throw new BackupError(`The backup could not be restored (${(e as Error).message}); the database was not changed.`);
  }
  let kept: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length) {
    kept = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, kept);
  } else rmSync(dataDir, { recursive: true, force: true });
  renameSync(incoming, dataDir);
  return kept;
}

export interface TableFingerprint {
  table: string;
  rows: number;
  /** md5 over every row's text form, in a fixed order: equal tables have equal hashes. */
  hash: string;
}

/** Every table of the portal (public and drizzle schemas) with its row count and a hash of its content. */
export async function fingerprintTables(db: Pick<Executor, 'execute'>): Promise<TableFingerprint[]> {
  const tables = await queryRows<{ schema: string; name: string }>(
    db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: TableFingerprint[] = [];
  for (const t of tables) {
    const ident = sql.raw(`"${t.schema}"."${t.name}"`);
    const [r] = await queryRows<{ rows: number; hash: string | null }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(x.t, E'\n' order by x.t), '')) as hash from (select r::text as t from ${ident} r) x`,
    );
    out.push({ table: `${t.schema}.${t.name}`, rows: Number(r!.rows), hash: createHash('sha1').update(r!.hash ?? '').digest('hex').slice(0, 16) });
  }
  return out;
}
