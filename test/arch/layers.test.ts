/**
 * The layering rules (.dependency-cruiser.cjs, docs/adr/0011-layers.md) hold for src/ and bench/, and the rules
 * can fail: a small tree with one forbidden import per rule is reported, rule by rule.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

const run = promisify(execFile);
const ARGS = [join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', '--no-progress'];
/** Cruising ~300 modules takes seconds alone, a minute on a busy machine. */
const TIMEOUT = 240_000;

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

/** Runs the CLI with the project's rules in `cwd` and returns the violations it found (and the text report). */
async function cruise(cwd: string, paths: string[]): Promise<{ violations: Violation[]; modules: number }> {
  const json = await run(process.execPath, [...ARGS, '--output-type', 'json', ...paths], { cwd, maxBuffer: 256 * 1024 * 1024 });
  const result = JSON.parse(json.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: result.summary.violations, modules: result.summary.totalCruised };
}

/** The report a developer reads (the `err` reporter exits non-zero when it finds errors). */
async function report(cwd: string, paths: string[]): Promise<string> {
  return run(process.execPath, [...ARGS, '--output-type', 'err', ...paths], { cwd }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? '',
  );
}

const describeLine = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('the layers', () => {
  it('src/ and bench/ break none of the dependency rules (no cycles, type imports included)', async () => {
    const { violations, modules } = await cruise(projectRoot, ['src', 'bench']);
    expect(modules).toBeGreaterThan(200);
    expect(violations.map(describeLine)).toEqual([]);
  }, TIMEOUT);

  const fixture = mkdtempSync(join(tmpdir(), 'ft-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('reports a forbidden import of every kind, naming the rule', async () => {
    const files: Record<string, string> = {
      'src/paths.ts': `export const projectRoot = '/';\n`,
      'src/domain/rules.ts': `import type { Db } from '../db/database.js';\nexport type Rule = Db;\n`,
      'src/db/database.ts': `import { helper } from '../web/format.js';\nexport type Db = { name: string };\nexport const x = helper;\n`,
      'src/web/format.ts': `import { registerThings } from '../resources/things/routes.js';\nexport const helper = registerThings;\n`,
      'src/resources/things/routes.ts': `import type { App } from '../../server/app.js';\nexport function registerThings(app: App): void {\n  void app;\n}\n`,
      'src/server/app.ts': `export type App = { name: string };\n`,
      'src/cli/run.ts': `import { registerThings } from '../resources/things/routes.js';\nexport const run = registerThings;\n`,
      'src/imports/reader.ts': `import { test } from '../../test/support/helpers.js';\nexport const read = test;\n`,
      'test/support/helpers.ts': `export const test = 1;\n`,
      // A cycle of type imports only: still a cycle.
      'src/resources/a/types.ts': `import type { B } from '../b/types.js';\nexport type A = { b?: B };\n`,
      'src/resources/b/types.ts': `import type { A } from '../a/types.js';\nexport type B = { a?: A };\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    copyFileSync(join(projectRoot, '.dependency-cruiser.cjs'), join(fixture, '.dependency-cruiser.cjs'));
    writeFileSync(
      join(fixture, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src', 'test'] }),
    );

    const { violations } = await cruise(fixture, ['src']);
    const found = violations.map(describeLine).sort();
    expect(found).toEqual(
      [
        'db-only-on-domain: src/db/database.ts → src/web/format.ts',
        'domain-is-pure: src/domain/rules.ts → src/db/database.ts',
        'below-resources: src/cli/run.ts → src/resources/things/routes.ts',
        'no-composition-root-imports: src/resources/things/routes.ts → src/server/app.ts',
        'no-cycles: src/resources/a/types.ts → src/resources/b/types.ts (cycle src/resources/b/types.ts → src/resources/a/types.ts)',
        'no-test-code-in-production: src/imports/reader.ts → test/support/helpers.ts',
        'web-only-on-domain: src/web/format.ts → src/resources/things/routes.ts',
      ].sort(),
    );
    // What a developer reads: the rule, the import, and the count.
    const text = await report(fixture, ['src']);
    expect(text).toContain('error domain-is-pure: src/domain/rules.ts → src/db/database.ts');
    expect(text).toMatch(/7 dependency violations \(7 errors, 0 warnings\)/);
  }, TIMEOUT);
});
