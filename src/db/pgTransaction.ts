import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { PgVersionFeed } from './pgVersionFeed.js';

type TransactionConfig = PgTransactionConfig | undefined;
interface VersionRow {
  name: string;
  version: string;
}

type SessionParts = { dialect: ConstructorParameters<typeof NodePgSession>[1]; schema: ConstructorParameters<typeof NodePgSession>[2]; options: ConstructorParameters<typeof NodePgSession>[3] };

const COMMIT_AND_READ_VERSIONS = 'commit; select name, version from data_versions';

/**
 * drizzle's transaction on a node-postgres pool, except for its end: a transaction that may have written commits and
 * reads the data versions in one round trip ("commit; select …" in one simple query: the select runs after the commit,
 * so it sees the bumps that migration 0028's deferred triggers make at commit) and records them in the version feed
 * (none before migrations made the table) before the caller goes on. The writer's caches then hold its own write
 * without waiting for the notification, and without a read of its own on the feed's connection after the commit
 * (bench:load: a PUT declaration made 8 round trips of ~20–40 ms each under 200 clients; this was one of them, and
 * the one that queued behind the other writers'). A failed COMMIT rejects the whole string (the select never runs);
 * a transaction begun `read only` commits alone. Savepoints (a transaction inside one) are drizzle's own.
 */
export function committingTransaction<D extends { transaction: unknown }>(pool: pg.Pool, db: D, feed: () => Pick<PgVersionFeed, 'record'> | undefined): D['transaction'] {
  // drizzle's own session over the pool: a transaction's session is the same over one of its clients.
  const { dialect, schema, options } = (db as unknown as { session: SessionParts }).session;
  return (async (run: (tx: unknown) => Promise<unknown>, config?: TransactionConfig) => {
    const client = await pool.connect();
    const session = new NodePgSession(client, dialect, schema, options);
    const tx = new NodePgTransaction(dialect, session, schema);
    let broken: Error | undefined;
    try {
      try {
        await client.query(beginStatement(config));
        const result = await run(tx);
        const versions = config?.accessMode === 'read only' ? undefined : feed();
        if (!versions) await client.query('commit');
        else versions.record((await (client.query(COMMIT_AND_READ_VERSIONS) as unknown as Promise<[pg.QueryResult, pg.QueryResult<VersionRow>]>))[1].rows);
        return result;
      } catch (error) {
        await client.query('rollback').catch((err: Error) => {
          broken = err;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }) as D['transaction'];
}

/** BEGIN with the transaction's characteristics, as drizzle writes them. */
function beginStatement(config: TransactionConfig): string {
  if (!config) return 'begin';
  const parts = ['begin'];
  if (config.isolationLevel) parts.push(`isolation level ${config.isolationLevel}`);
  if (config.accessMode) parts.push(config.accessMode);
  if (typeof config.deferrable === 'boolean') parts.push(config.deferrable ? 'deferrable' : 'not deferrable');
  return parts.join(' ');
}
