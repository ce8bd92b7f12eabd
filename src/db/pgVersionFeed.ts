import pg from 'pg';
import { attachVersionFeed, detachVersionFeed, recordVersion } from './versionFeed.js';

/**
 * The data versions of a PostgreSQL server kept in memory from LISTEN/NOTIFY (migration 0012's triggers notify
 * `data_versions` with "<domain> <version>" on commit), for app processes and nodes that share one server: a cache
 * check then costs no query. One dedicated connection per process listens; it reads every row after LISTEN, so no
 * bump falls between the two. While it is down (the server restarted, the connection dropped), the feed is
 * detached and every check reads the row again, as without a feed; it reconnects and re-reads, then attaches again.
 *
 * A notification reaches the other processes shortly after the commit (on one machine or a LAN, well under a
 * millisecond; the writer's own response needs at least that long to reach its client). The process that wrote
 * does not wait for it: a committing transaction reads the rows in its COMMIT's round trip (src/db/pgTransaction.ts,
 * `record()`), so what a handler reads next sees its own write, and src/server/versionSync.ts calls `sync()` before
 * answering a request that wrote outside a transaction.
 */
export interface PgVersionFeed {
  /** Reads every version row now (after a write by this process). */
  sync(): Promise<void>;
  /** Records version rows read elsewhere (a committing transaction reads them in its COMMIT's round trip). */
  record(rows: readonly { name: string; version: string | number }[]): void;
  /**
   * Holds back the notifications that arrive from now on until the returned function is called (tests: a
   * notification that is still on its way, which the writing process must not depend on).
   */
  holdNotifications(): () => void;
  close(): Promise<void>;
}

export async function startPgVersionFeed(db: object, url: string, options: { retryMs?: number; onError?: (err: unknown) => void } = {}): Promise<PgVersionFeed> {
  const versions = new Map<string, number>();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let held: string[] | undefined;
  const notified = (payload: string) => {
    if (held) return void held.push(payload);
    const [name, version] = payload.split(' ');
    if (name) recordVersion(versions, name, Number(version));
  };

  const record = (rows: readonly { name: string; version: string | number }[]) => {
    for (const r of rows) recordVersion(versions, r.name, Number(r.version));
  };
  const readRows = async (c: pg.Client | pg.Pool) => {
    record((await c.query<{ name: string; version: string }>('select name, version from data_versions')).rows);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => notified(msg.payload ?? ''));
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = undefined;
      detachVersionFeed(db);
      if (err) options.onError?.(err);
      c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(lost), options.retryMs ?? 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query('LISTEN data_versions');
    client = c;
    await readRows(c);
    attachVersionFeed(db, versions);
  };
  await connect();

  // One read at a time, shared: a caller that comes while a read runs (which may have started before its commit) waits
  // for the next one, which every caller arriving meanwhile shares. Concurrent writers then cost at most two reads in
  // turn on this one connection, not one each in a queue (bench:load: 20 writers' syncs queued up to 0.7 s).
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    if (!client) return Promise.resolve();
    if (!running) {
      running = readRows(client).finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  };

  return {
    sync,
    record,
    holdNotifications() {
      held ??= [];
      return () => {
        const payloads = held ?? [];
        held = undefined;
        for (const p of payloads) notified(p);
      };
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      detachVersionFeed(db);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
