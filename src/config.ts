import { isAbsolute, join } from 'node:path';
import { parseSizeThresholds, REPORT_SIZE_THRESHOLDS, type SizeThresholds } from './domain/sizeClass.js';
import { checkOrgnr } from './domain/orgnr.js';
import { projectRoot } from './paths.js';

/** All configuration comes from the environment; every setting has a safe default (see README). */
export interface Config {
  port: number;
  host: string;
  /** postgres://… to use a PostgreSQL server; unset means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL: connections per app process (DATABASE_POOL_SIZE), besides its one LISTEN connection; unset, a node's
   * share divided among its workers (src/server/cluster.ts poolSizePerWorker).
   */
  databasePoolSize: number | undefined;
  /**
   * PostgreSQL: connections per app process for the catalogue search alone (DATABASE_SEARCH_POOL_SIZE; 0: it uses the
   * pool above); unset, src/server/cluster.ts searchPoolPerWorker.
   */
  databaseSearchPoolSize: number | undefined;
  dataDir: string;
  /** The public address of the portal, used for absolute links and open-data URIs. */
  publicUrl: string;
  sizeThresholds: SizeThresholds;
  environment: 'development' | 'production' | 'test';
  logLevel: string;
  /** On SIGTERM/SIGINT: stop taking connections, let requests in flight finish for at most this long, then exit. */
  shutdownTimeoutSeconds: number;
  /** Requests inside the app at once (the rest wait in order); unset: 8 on PGlite, no limit on PostgreSQL. */
  maxConcurrentRequests: number | undefined;
  /** Statistics that read declarations are recomputed at most this often (seconds; 0: on every change). */
  statsLagSeconds: number;
  /** Load the demo dataset into an empty database on start. */
  seedDemo: boolean;
  /**
   * OpenID Connect (ID-porten, Ansattporten or any issuer): unset in development means the embedded development
   * provider (src/auth/devProvider.ts) is started by `npm start`.
   */
  oidc: { issuer: string; clientId: string; clientSecret: string; promptLogin: boolean } | undefined;
  /** Port of the embedded development provider (PORT+1 by default). */
  devOidcPort: number;
  /** Secret for signing the login state; unset means one generated once and kept in the database. */
  sessionSecret: string | undefined;
  /** Sessions end after this long without a request, and after maxAge regardless. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** smtp://… to send mail; unset keeps mail in the outbox (development shows it at /dev/utboks). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The audience of the API's access tokens (client credentials): PUBLIC_URL + /api/v1 unless set. */
  apiAudience: string;
  /** The organisation that publishes the open-data catalogue (dct:publisher of the CPSV-AP-NO export). */
  catalogPublisher: { orgnr: string; name: string };
  /** Where the accessibility statement sends feedback (an e-mail address). */
  accessibilityContact: string;
  /** Bearer token for GET /metrics. Unset: /metrics is open in development and test, and absent in production. */
  metricsToken: string | undefined;
  /** Which proxies may set X-Forwarded-*: false (none), a hop count, or addresses/CIDRs (TRUST_PROXY). */
  trustProxy: false | number | string[];
  /** Requests waiting for a place (MAX_CONCURRENT_REQUESTS) at most; beyond that 503 with Retry-After. */
  maxQueuedRequests: number;
  /** How long a request may wait for a place before it gets 503 with Retry-After (milliseconds). */
  maxQueueWaitMs: number;
  /** A request's headers and body must arrive within this (milliseconds): slow clients are cut off (408). */
  requestTimeoutMs: number;
  /** The whole-page cache holds at most this many bytes of pages (PAGE_CACHE_MB). */
  pageCacheBytes: number;
  /**
   * An anonymous search page is filled in from markup rendered once per result (src/web/slot.ts) rather than
   * rendered per query (PAGE_TEMPLATES=false renders every one: the same pages, more CPU).
   */
  pageTemplates: boolean;
}

/** One line per problem: start-up prints each and stops. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * NODE_ENV fails closed: unset is development (what `npm start` gives a newcomer, with the demo sign-in), `test` is
 * the test suite, and any other value — `production`, `prod`, `staging`, a typo — is production.
 */
export function environmentOf(nodeEnv: string | undefined): Config['environment'] {
  if (nodeEnv === undefined || nodeEnv === '' || nodeEnv === 'development') return 'development';
  if (nodeEnv === 'test') return 'test';
  return 'production';
}

/**
 * TRUST_PROXY: which hops in front of the portal may set X-Forwarded-For/-Proto/-Host. Unset: none (the client's
 * own address counts, and no header can choose it). A whole number is a hop count (1: the load balancer right in
 * front); otherwise a comma-separated list of addresses and CIDRs (`10.0.0.0/8, 127.0.0.1`). `true` (trust any
 * hop) is refused: then the client picks its own address.
 */
export function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new Error(`TRUST_PROXY as a hop count must be between 0 and 10, got "${v}"`);
    return hops;
  }
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  const address = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:.]*(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/i;
  const bad = entries.filter((e) => !address.test(e));
  if (bad.length || entries.length === 0) {
    throw new Error(`TRUST_PROXY must be a hop count or addresses/CIDRs separated by commas (e.g. "1" or "10.0.0.0/8"), got "${v}"`);
  }
  return entries;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${value}"`);
  }
  return Number(value);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  /** Runs one setting's check; a problem is noted (all are reported together) and the fallback used. */
  const read = <T>(check: () => T, fallback: T): T => {
    try {
      return check();
    } catch (e) {
      problems.push((e as Error).message);
      return fallback;
    }
  };
  const fail = (message: string) => problems.push(message);
  const environment = environmentOf(env.NODE_ENV);
  const production = environment === 'production';
  const port = read(() => integer('PORT', env.PORT, 3000, 0, 65535), 3000);
  const host = env.HOST || 'localhost';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail('DATABASE_URL must start with postgres:// or postgresql://');
  const dataDirRaw = env.DATA_DIR || 'data/db';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : join(projectRoot, dataDirRaw);
  const sizeThresholds = env.SIZE_THRESHOLDS ? read(() => parseSizeThresholds(env.SIZE_THRESHOLDS!), REPORT_SIZE_THRESHOLDS) : REPORT_SIZE_THRESHOLDS;
  const publisherOrgnr = env.CATALOG_PUBLISHER_ORGNR || '986252932';
  const publisherCheck = checkOrgnr(publisherOrgnr);
  if (!publisherCheck.ok) fail(`CATALOG_PUBLISHER_ORGNR must be a valid organisation number, got "${publisherOrgnr}"`);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!URL.canParse(publicUrl) || !/^https?:$/.test(new URL(publicUrl).protocol)) fail(`PUBLIC_URL must be an http(s) URL, got "${env.PUBLIC_URL}"`);
  else if (production && !publicUrl.startsWith('https://')) {
    fail(env.PUBLIC_URL ? `PUBLIC_URL must be https:// in production, got "${env.PUBLIC_URL}"` : 'PUBLIC_URL is required in production (the https:// address users reach the portal at)');
  }
  let oidc: Config['oidc'];
  if (env.OIDC_ISSUER) {
    if (!/^https?:\/\//.test(env.OIDC_ISSUER)) fail('OIDC_ISSUER must be an http(s) URL');
    else if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) fail('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
    else oidc = { issuer: env.OIDC_ISSUER.replace(/\/+$/, ''), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, promptLogin: env.OIDC_PROMPT === 'login' };
  } else if (production) {
    fail('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required in production (the identity provider; the development sign-in never runs there)');
  }
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET !== '' && env.SESSION_SECRET.length < 32) fail('SESSION_SECRET must be at least 32 characters');
  else if (production && !env.SESSION_SECRET) fail('SESSION_SECRET is required in production (at least 32 random characters, from the secret store)');
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) fail('SMTP_URL must start with smtp:// or smtps://');
  if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 24) fail('METRICS_TOKEN must be at least 24 characters');
  const accessibilityContact = env.ACCESSIBILITY_CONTACT || 'postmottak@dfo.no';
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(accessibilityContact)) fail('ACCESSIBILITY_CONTACT must be an e-mail address');
  if (env.SEED_DEMO !== undefined && env.SEED_DEMO !== '' && env.SEED_DEMO !== 'true' && env.SEED_DEMO !== 'false') fail(`SEED_DEMO must be true or false, got "${env.SEED_DEMO}"`);
  // The demo admin and the demo API clients must never appear in a real database: production seeds only when asked.
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === 'true' : !production;
  if (env.PAGE_TEMPLATES !== undefined && env.PAGE_TEMPLATES !== '' && env.PAGE_TEMPLATES !== 'true' && env.PAGE_TEMPLATES !== 'false') fail(`PAGE_TEMPLATES must be true or false, got "${env.PAGE_TEMPLATES}"`);
  const config: Config = {
    port,
    host,
    databaseUrl,
    databasePoolSize: env.DATABASE_POOL_SIZE ? read(() => integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 20, 1, 500), undefined) : undefined,
    databaseSearchPoolSize: env.DATABASE_SEARCH_POOL_SIZE ? read(() => integer('DATABASE_SEARCH_POOL_SIZE', env.DATABASE_SEARCH_POOL_SIZE, 2, 0, 100), undefined) : undefined,
    dataDir,
    publicUrl,
    sizeThresholds,
    environment,
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    shutdownTimeoutSeconds: read(() => integer('SHUTDOWN_TIMEOUT_SECONDS', env.SHUTDOWN_TIMEOUT_SECONDS, 25, 1, 600), 25),
    maxConcurrentRequests: env.MAX_CONCURRENT_REQUESTS ? read(() => integer('MAX_CONCURRENT_REQUESTS', env.MAX_CONCURRENT_REQUESTS, 0, 0, 10_000), undefined) : undefined,
    maxQueuedRequests: read(() => integer('MAX_QUEUED_REQUESTS', env.MAX_QUEUED_REQUESTS, 256, 0, 100_000), 256),
    maxQueueWaitMs: read(() => integer('MAX_QUEUE_WAIT_SECONDS', env.MAX_QUEUE_WAIT_SECONDS, 10, 1, 600), 10) * 1000,
    pageCacheBytes: read(() => integer('PAGE_CACHE_MB', env.PAGE_CACHE_MB, 64, 1, 4096), 64) * 1024 * 1024,
    pageTemplates: env.PAGE_TEMPLATES !== 'false',
    requestTimeoutMs: read(() => integer('REQUEST_TIMEOUT_SECONDS', env.REQUEST_TIMEOUT_SECONDS, 30, 1, 3600), 30) * 1000,
    statsLagSeconds: read(() => integer('STATS_LAG_SECONDS', env.STATS_LAG_SECONDS, environment === 'test' ? 0 : 10, 0, 3600), 10),
    seedDemo,
    oidc,
    devOidcPort: read(() => integer('DEV_OIDC_PORT', env.DEV_OIDC_PORT, port === 0 ? 0 : port + 1, 0, 65535), 0),
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionIdleMinutes: read(() => integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 60, 1, 24 * 60), 60),
    sessionMaxHours: read(() => integer('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12, 1, 24 * 30), 12),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Fellestjenester <ikke-svar@fellestjenester.example>',
    apiAudience: (env.API_AUDIENCE || `${publicUrl}/api/v1`).replace(/\/+$/, ''),
    catalogPublisher: {
      orgnr: publisherCheck.ok ? publisherCheck.orgnr : publisherOrgnr,
      name: env.CATALOG_PUBLISHER_NAME || (env.CATALOG_PUBLISHER_ORGNR ? `Organisasjon ${publisherCheck.ok ? publisherCheck.orgnr : publisherOrgnr}` : 'Direktoratet for forvaltning og økonomistyring'),
    },
    accessibilityContact,
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: read(() => parseTrustProxy(env.TRUST_PROXY), false),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The embedded development sign-in may run: development only, and only for a portal on loopback. */
export function devSignInAllowed(config: Pick<Config, 'environment' | 'oidc' | 'host' | 'publicUrl'>): boolean {
  if (config.environment !== 'development' || config.oidc) return false;
  return LOOPBACK_HOSTS.has(new URL(config.publicUrl).hostname) && LOOPBACK_HOSTS.has(config.host);
}

/** The configuration, or undefined after printing one line saying what is wrong (for commands and the server). */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | undefined {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const problem of e.problems) console.error(`Configuration error: ${problem}`);
      return undefined;
    }
    throw e;
  }
}
