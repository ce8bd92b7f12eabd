import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import { type WriteTrack, withWriteTrack } from '../db/writeTracking.js';
import { UNSAFE_METHODS } from './security.js';

const tracked = new WeakMap<FastifyRequest, WriteTrack>();

/**
 * With the data versions fed by LISTEN/NOTIFY (PostgreSQL, src/db/pgVersionFeed.ts), the process that handled a
 * change reads the versions before it answers, so the client's next request to this process sees the change even if
 * the notification has not arrived yet (the other processes get it from the notification). A transaction's commit
 * has read them already (src/db/pgTransaction.ts); the read here is for statements that wrote outside one, which
 * src/db/writeTracking.ts notes per request. Registered before the other hooks, so a session's writes in theirs count;
 * the handler runs in the request's async context also after its body has been read (test/api/versionSync.test.ts).
 */
export function registerVersionSync(app: FastifyInstance, database: DatabaseHandle): void {
  const sync = database.syncVersions;
  if (!sync) return;
  app.addHook('onRequest', (req, _reply, done) => {
    if (!UNSAFE_METHODS.has(req.method)) return done();
    const track: WriteTrack = { wroteOutside: false };
    tracked.set(req, track);
    withWriteTrack(track, done);
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (tracked.get(req)?.wroteOutside) await sync();
    return payload;
  });
}
