import type { TestProject } from 'vitest/node';
import { testDatabaseUrl, testEngines } from './engines.js';
import { ensurePgliteTemplates, ensurePostgresTemplates, removePgliteRunDir } from './templates.js';

/**
 * Once per test run: build the database templates every test file clones (PGlite initdb, migrations and the demo
 * data take seconds; a clone is a file copy or CREATE DATABASE … TEMPLATE).
 */
export default async function setup({ provide }: TestProject): Promise<() => void> {
  const engines = testEngines();
  // PGlite's templates always: the command-line tests run the commands on PGlite whatever TEST_ENGINES says.
  const runDir = await ensurePgliteTemplates();
  provide('pgliteRunDir', runDir);
  if (engines.includes('postgres')) await ensurePostgresTemplates(testDatabaseUrl());
  return () => removePgliteRunDir(runDir);
}
