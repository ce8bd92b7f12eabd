import { testDatabaseUrl, testEngines } from './engines.js';
import { ensurePgliteTemplates, ensurePostgresTemplates } from './templates.js';

/** Once per test run: build the database templates every test clones (PGlite initdb is slow; clone is fast). */
export default async function setup(): Promise<void> {
  const engines = testEngines();
  if (engines.includes('pglite')) await ensurePgliteTemplates();
  if (engines.includes('postgres')) await ensurePostgresTemplates(testDatabaseUrl());
}
