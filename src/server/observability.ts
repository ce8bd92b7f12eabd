import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { cacheStats } from '../db/cacheStats.js';
import { fragmentStats } from '../web/fragments.js';

/**
 * Operations: request ids, logs without personal data, and Prometheus metrics.
 *
 * Request ids: an incoming X-Request-Id is kept when it is well-formed (a proxy or the caller set it, so a request
 * can be followed across systems); otherwise a new UUID. It is logged as reqId, returned as X-Request-Id and stored
 * with audit events.
 *
 * Logs: a request is logged as method, route pattern and path without the query string (search terms and filters
 * can hold names and org numbers of people's employers; the route pattern is enough to find the code). Headers are
 * never logged, so neither cookies, CSRF tokens nor bearer tokens are. Anything that looks like an e-mail address
 * or a token in a log message or error is masked.
 */

export const REQUEST_ID_HEADER = 'x-request-id';
/** A short, safe token (a UUID, a W3C trace id, a proxy's id): anything else is replaced, never logged or echoed. */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const SECRET_PARAMS = /\b(ft_session|_csrf|code|state|token|access_token|id_token|session)=([^;&\s"]+)/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;

/** Masks e-mail addresses, bearer tokens and token-like parameters in a log string. */
export function scrub(text: string): string {
  return text.replace(EMAIL, '[e-post]').replace(BEARER, 'Bearer [skjult]').replace(SECRET_PARAMS, '$1=[skjult]');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  // Requests, replies and errors go through their serializers; only plain objects are scrubbed here.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = /cookie|authorization|token|password|secret/i.test(k) ? '[skjult]' : scrubDeep(v, depth + 1);
  return out;
}

interface SerializableRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

/** Pino options for Fastify's logger: serializers and hooks that keep personal data out. */
export function loggerOptions(config: Pick<Config, 'logLevel'>, override?: boolean | Record<string, unknown>): false | Record<string, unknown> {
  if (override === false || (override === undefined && config.logLevel === 'silent')) return false;
  const base = typeof override === 'object' ? override : { level: config.logLevel };
  return {
    ...base,
    serializers: {
      req: (req: SerializableRequest) => ({ method: req.method, route: req.routeOptions?.url, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name,
        message: scrub(String(err.message)),
        code: err.code,
        statusCode: err.statusCode,
        stack: err.stack ? scrub(err.stack) : undefined,
      }),
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        return method.apply(this, args.map((a) => scrubDeep(a)));
      },
    },
  };
}

// ---- Metrics ------------------------------------------------------------------------------------------------

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/** Request counters and duration histograms by method, route pattern and status, in memory per app node. */
export class HttpMetrics {
  readonly requests = new Map<string, number>();
  readonly durations = new Map<string, Series>();
  inFlight = 0;

  /** The series' label strings by method, route pattern and status: escaped once, not per request. */
  private readonly keys = new Map<string, readonly [count: string, duration: string]>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const raw = `${method} ${status} ${route}`;
    let keys = this.keys.get(raw);
    if (!keys) this.keys.set(raw, (keys = [labels({ method, route, status: String(status) }), labels({ method, route })]));
    const [countKey, durKey] = keys;
    this.requests.set(countKey, (this.requests.get(countKey) ?? 0) + 1);
    let s = this.durations.get(durKey);
    if (!s) this.durations.set(durKey, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
    s.count += 1;
    s.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]! += 1;
    });
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(l: Record<string, string>): string {
  return Object.entries(l)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
}

/** Renders the metrics in the Prometheus text exposition format (version 0.0.4). */
export function renderMetrics(http: HttpMetrics, extra: { dbUp: boolean; dbEngine: string; pool?: { total: number; idle: number; waiting: number } }): string {
  const out: string[] = [];
  const head = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  head('http_requests_total', 'counter', 'HTTP requests by method, route pattern and status.');
  for (const [k, v] of http.requests) out.push(`http_requests_total{${k}} ${v}`);
  head('http_request_duration_seconds', 'histogram', 'HTTP request duration by method and route pattern.');
  for (const [k, s] of http.durations) {
    BUCKETS.forEach((b, i) => out.push(`http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`));
    out.push(`http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
    out.push(`http_request_duration_seconds_sum{${k}} ${s.sum}`);
    out.push(`http_request_duration_seconds_count{${k}} ${s.count}`);
  }
  head('http_requests_in_flight', 'gauge', 'Requests being handled now.');
  out.push(`http_requests_in_flight ${http.inFlight}`);
  head('db_up', 'gauge', 'Whether the database answered a round trip at scrape time (1) or not (0).');
  out.push(`db_up{engine="${extra.dbEngine}"} ${extra.dbUp ? 1 : 0}`);
  if (extra.pool) {
    head('db_pool_connections', 'gauge', 'PostgreSQL pool connections by state.');
    out.push(`db_pool_connections{state="total"} ${extra.pool.total}`, `db_pool_connections{state="idle"} ${extra.pool.idle}`);
    head('db_pool_waiting_requests', 'gauge', 'Queries waiting for a pool connection.');
    out.push(`db_pool_waiting_requests ${extra.pool.waiting}`);
  }
  head('cache_lookups_total', 'counter', 'Cache lookups by cache (page: whole public pages; read: data reads; fragment: parts of pages reused across queries) and result.');
  out.push(
    `cache_lookups_total{cache="page",result="hit"} ${cacheStats.pageHits}`,
    `cache_lookups_total{cache="page",result="miss"} ${cacheStats.pageMisses}`,
    `cache_lookups_total{cache="read",result="hit"} ${cacheStats.readHits}`,
    `cache_lookups_total{cache="read",result="miss"} ${cacheStats.readMisses}`,
    `cache_lookups_total{cache="fragment",result="hit"} ${fragmentStats.hits}`,
    `cache_lookups_total{cache="fragment",result="miss"} ${fragmentStats.misses}`,
  );
  const mem = process.memoryUsage();
  head('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
  out.push(`process_resident_memory_bytes ${mem.rss}`);
  head('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.');
  out.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
  head('process_uptime_seconds', 'gauge', 'Seconds since the process started.');
  out.push(`process_uptime_seconds ${Math.round(process.uptime())}`);
  return out.join('\n') + '\n';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

declare module 'fastify' {
  interface FastifyRequest {
    startedAt?: bigint;
  }
}

/**
 * X-Request-Id on every response, request metrics, and GET /metrics.
 *
 * /metrics: open in development and test; with METRICS_TOKEN set it needs `Authorization: Bearer <token>`; in
 * production without METRICS_TOKEN it does not exist (404), so nothing about the service's traffic is public by default.
 */
export function registerObservability(app: FastifyInstance, deps: { config: Pick<Config, 'environment' | 'metricsToken'>; database: DatabaseHandle }): HttpMetrics {
  const http = new HttpMetrics();
  app.addHook('onRequest', async (req, reply) => {
    req.startedAt = process.hrtime.bigint();
    http.inFlight += 1;
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    http.inFlight = Math.max(0, http.inFlight - 1);
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = req.startedAt ? Number(process.hrtime.bigint() - req.startedAt) / 1e9 : 0;
    http.observe(req.method, route, reply.statusCode, seconds);
  });

  const { metricsToken, environment } = deps.config;
  if (environment === 'production' && !metricsToken) return http;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (metricsToken) {
      const auth = String(req.headers.authorization ?? '');
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!sameSecret(given, metricsToken)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('Krever tilgangsnøkkel for målinger.\n');
      }
    }
    let dbUp = true;
    try {
      await Promise.race([deps.database.ping(), new Promise((_r, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref())]);
    } catch {
      dbUp = false;
    }
    const body = renderMetrics(http, { dbUp, dbEngine: deps.database.engine, pool: deps.database.poolStats?.() });
    return reply.header('cache-control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8').send(body);
  });
  return http;
}
