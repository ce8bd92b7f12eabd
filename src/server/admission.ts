import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Admission control: at most `limit` requests are inside the application at a time; the rest wait their turn in
 * arrival order. For the embedded PGlite database, which runs every query one after another on the same thread: with
 * 200 requests inside at once, a request that needs ten queries waits behind everyone's queries ten times over and
 * never finishes (bench:load), while one that needs one query does. Queued whole requests keep the order fair.
 * Health checks and static assets never wait.
 */
export function registerAdmission(app: FastifyInstance, limit: number): void {
  if (limit <= 0) return;
  let active = 0;
  const waiting: { req: FastifyRequest; admit: () => void }[] = [];
  const admitted = new WeakSet<FastifyRequest>();
  const release = (req: FastifyRequest) => {
    if (!admitted.has(req)) {
      // Gone while still waiting (the client gave up): leave the queue.
      const i = waiting.findIndex((w) => w.req === req);
      if (i >= 0) waiting.splice(i, 1);
      return;
    }
    admitted.delete(req);
    const next = waiting.shift();
    if (next) {
      admitted.add(next.req);
      next.admit();
    } else active--;
  };
  app.addHook('onRequest', async (req) => {
    if (req.url === '/healthz' || req.url === '/readyz' || req.url.startsWith('/assets/')) return;
    if (active < limit) {
      active++;
      admitted.add(req);
      return;
    }
    await new Promise<void>((admit) => waiting.push({ req, admit }));
  });
  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));
}
