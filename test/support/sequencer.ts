import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Where the long files are, for a run with no timings yet (a fresh clone, CI): browsers first, then faults … */
const HEAVY = ['/test/e2e/', '/test/faults/', '/test/imports/', '/test/api/'];
const rank = (file: string) => {
  const i = HEAVY.findIndex((dir) => file.includes(dir));
  return i < 0 ? HEAVY.length : i;
};

/**
 * The slowest files first, so the two workers finish together rather than one waiting for a long file started last.
 * Vitest's own order does this from the timings it keeps of the last run (node_modules/.vite); without them it runs
 * the largest files first, which puts the browser tests (short files, long runs) near the end. Here a file without
 * timings goes by where it lives (browser, faults, imports, API, then unit tests), then by size.
 */
export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known = (f: TestSpecification) => Boolean(this.ctx.cache.getFileTestResults(`${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`));
    if (files.every(known)) return super.sort(files);
    const size = (f: TestSpecification) => statSync(f.moduleId).size;
    return [...files].sort((a, b) => rank(a.moduleId) - rank(b.moduleId) || size(b) - size(a));
  }
}
