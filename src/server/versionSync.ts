import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';

/**
 * With the data versions fed by LISTEN/NOTIFY (PostgreSQL, src/db/pgVersionFeed.ts), the process that handled a
 * change reads the versions before it answers, so the client's next request to this process sees the change even if
 * the notification has not arrived yet (the other processes get it from the notification).
 */
export function registerVersionSync(app: FastifyInstance, database: DatabaseHandle): void {
  const sync = database.syncVersions;
  if (!sync) return;
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') await sync();
    return payload;
  });
}
