import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messages } from '../web/i18n/index.js';
import { HttpProblem } from './problem.js';

/**
 * Admission control: at most `limit` requests are inside the application at a time; the rest wait their turn in
 * arrival order. For the embedded PGlite database, which runs every query one after another on the same thread: with
 * 200 requests inside at once, a request that needs ten queries waits behind everyone's queries ten times over and
 * never finishes (bench:load), while one that needs one query does. Queued whole requests keep the order fair.
 *
 * A request is admitted once its body has been read (preValidation), so a client trickling a large body holds no
 * place: only Node's request timeout (REQUEST_TIMEOUT_SECONDS) waits for it. The queue is bounded in length
 * (`maxQueued`) and in wait (`maxWaitMs`): beyond either, 503 with Retry-After, so overload sheds requests instead
 * of stalling every page. Health checks and static assets never wait; /readyz reports overload (`overloaded()`).
 */
export interface AdmissionOptions {
  limit: number;
  maxQueued: number;
  maxWaitMs: number;
}

export interface Admission {
  /** Requests inside and waiting now. */
  state(): { active: number; waiting: number; limit: number };
  /** The queue is full, or its oldest request has waited more than half the longest wait. */
  overloaded(): boolean;
}

/** Seconds a client refused for overload is asked to wait before trying again. */
export const OVERLOAD_RETRY_AFTER = 5;

const NEVER_WAIT = (url: string) => url === '/healthz' || url === '/readyz' || url.startsWith('/assets/');

export function registerAdmission(app: FastifyInstance, options: AdmissionOptions | number): Admission {
  const { limit, maxQueued, maxWaitMs } = typeof options === 'number' ? { limit: options, maxQueued: Infinity, maxWaitMs: Infinity } : options;
  let active = 0;
  const waiting: { req: FastifyRequest; since: number; admit: () => void; timer?: NodeJS.Timeout | undefined }[] = [];
  const admitted = new WeakSet<FastifyRequest>();
  const admission: Admission = {
    state: () => ({ active, waiting: waiting.length, limit }),
    overloaded: () => limit > 0 && (waiting.length >= maxQueued || (waiting.length > 0 && Date.now() - waiting[0]!.since > maxWaitMs / 2)),
  };
  if (limit <= 0) return admission;
  const leaveQueue = (req: FastifyRequest) => {
    const i = waiting.findIndex((w) => w.req === req);
    if (i >= 0) clearTimeout(waiting.splice(i, 1)[0]!.timer);
  };
  const release = (req: FastifyRequest) => {
    if (!admitted.has(req)) {
      // Gone while still waiting (the client gave up): leave the queue.
      leaveQueue(req);
      return;
    }
    admitted.delete(req);
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      admitted.add(next.req);
      next.admit();
    } else active--;
  };
  const overload = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('retry-after', String(OVERLOAD_RETRY_AFTER));
    return new HttpProblem(503, messages[req.lang ?? 'nb'].errors.overloaded, { headers: { 'retry-after': String(OVERLOAD_RETRY_AFTER) } });
  };
  app.addHook('preValidation', async (req, reply) => {
    if (NEVER_WAIT(req.url)) return;
    if (active < limit) {
      active++;
      admitted.add(req);
      return;
    }
    if (waiting.length >= maxQueued) throw overload(req, reply);
    await new Promise<void>((admit, refuse) => {
      const entry: (typeof waiting)[number] = { req, since: Date.now(), admit };
      if (Number.isFinite(maxWaitMs)) {
        entry.timer = setTimeout(() => {
          leaveQueue(req);
          refuse(overload(req, reply));
        }, maxWaitMs);
      }
      waiting.push(entry);
    });
  });
  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));
  return admission;
}
