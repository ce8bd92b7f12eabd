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
  /** Load the demo dataset into an empty database on start. */
  seedDemo: boolean;
  /** The organisation that publishes the open-data catalogue (dct:publisher of the CPSV-AP-NO export). */
  catalogPublisher: { orgnr: string; name: string };
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
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    publicUrl,
    sizeThresholds,
    environment,
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    seedDemo: env.SEED_DEMO !== 'false',
    catalogPublisher: {
      orgnr: publisherCheck.orgnr,
      name: env.CATALOG_PUBLISHER_NAME || (env.CATALOG_PUBLISHER_ORGNR ? `Organisasjon ${publisherCheck.orgnr}` : 'Direktoratet for forvaltning og økonomistyring'),
    },
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
