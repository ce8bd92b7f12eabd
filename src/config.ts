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
}

export class ConfigError extends Error {}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${value}"`);
  }
  return Number(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const environment = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = integer('PORT', env.PORT, 3000, 0, 65535);
  const host = env.HOST || 'localhost';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDirRaw = env.DATA_DIR || 'data/db';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : join(projectRoot, dataDirRaw);
  let sizeThresholds = REPORT_SIZE_THRESHOLDS;
  if (env.SIZE_THRESHOLDS) {
    try {
      sizeThresholds = parseSizeThresholds(env.SIZE_THRESHOLDS);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
  }
  const publisherOrgnr = env.CATALOG_PUBLISHER_ORGNR || '986252932';
  const publisherCheck = checkOrgnr(publisherOrgnr);
  if (!publisherCheck.ok) throw new ConfigError(`CATALOG_PUBLISHER_ORGNR must be a valid organisation number, got "${publisherOrgnr}"`);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  let oidc: Config['oidc'];
  if (env.OIDC_ISSUER) {
    if (!/^https?:\/\//.test(env.OIDC_ISSUER)) throw new ConfigError('OIDC_ISSUER must be an http(s) URL');
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
    oidc = { issuer: env.OIDC_ISSUER.replace(/\/+$/, ''), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, promptLogin: env.OIDC_PROMPT === 'login' };
  } else if (environment === 'production') {
    throw new ConfigError('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required in production');
  }
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET !== '' && env.SESSION_SECRET.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  }
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 24) throw new ConfigError('METRICS_TOKEN must be at least 24 characters');
  const accessibilityContact = env.ACCESSIBILITY_CONTACT || 'postmottak@dfo.no';
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(accessibilityContact)) throw new ConfigError('ACCESSIBILITY_CONTACT must be an e-mail address');
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    publicUrl,
    sizeThresholds,
    environment,
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    shutdownTimeoutSeconds: integer('SHUTDOWN_TIMEOUT_SECONDS', env.SHUTDOWN_TIMEOUT_SECONDS, 25, 1, 600),
    maxConcurrentRequests: env.MAX_CONCURRENT_REQUESTS ? integer('MAX_CONCURRENT_REQUESTS', env.MAX_CONCURRENT_REQUESTS, 0, 0, 10_000) : undefined,
    statsLagSeconds: integer('STATS_LAG_SECONDS', env.STATS_LAG_SECONDS, environment === 'test' ? 0 : 10, 0, 3600),
    seedDemo: env.SEED_DEMO !== 'false',
    oidc,
    devOidcPort: integer('DEV_OIDC_PORT', env.DEV_OIDC_PORT, port === 0 ? 0 : port + 1, 0, 65535),
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 60, 1, 24 * 60),
    sessionMaxHours: integer('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12, 1, 24 * 30),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Fellestjenester <ikke-svar@fellestjenester.example>',
    apiAudience: (env.API_AUDIENCE || `${publicUrl}/api/v1`).replace(/\/+$/, ''),
    catalogPublisher: {
      orgnr: publisherCheck.orgnr,
      name: env.CATALOG_PUBLISHER_NAME || (env.CATALOG_PUBLISHER_ORGNR ? `Organisasjon ${publisherCheck.orgnr}` : 'Direktoratet for forvaltning og økonomistyring'),
    },
    accessibilityContact,
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

/** The configuration, or undefined after printing one line saying what is wrong (for commands and the server). */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | undefined {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}
