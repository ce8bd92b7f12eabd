/**
 * Data versions kept in memory from NOTIFY (migration 0012), for a database handle where that is exact. PGlite runs
 * in this process with one session: a commit's notifications are delivered while its COMMIT is processed, before the
 * writer's promise resolves, so the in-memory version is never behind what any caller of this process can read, and
 * checking a cache costs no query. A PostgreSQL server is shared by several app nodes, where a notification arrives
 * some time after the commit; there every check still reads the `data_versions` row (src/db/readCache.ts).
 */
const feeds = new WeakMap<object, Map<string, number>>();

export function attachVersionFeed(db: object, versions: Map<string, number>): void {
  feeds.set(db, versions);
}

/** When the handle closes: version checks then go to the database again (and fail like any other query). */
export function detachVersionFeed(db: object): void {
  feeds.delete(db);
}

/** The version of `domain` from the handle's feed, or undefined when it has none (read the row instead). */
export function fedVersion(db: object, domain: string): number | undefined {
  return feeds.get(db)?.get(domain);
}

/** Records a version seen in a notification or a read; versions only go up. */
export function recordVersion(versions: Map<string, number>, name: string, version: number): void {
  if (Number.isFinite(version) && version > (versions.get(name) ?? -1)) versions.set(name, version);
}
