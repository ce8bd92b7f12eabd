import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 15;

/**
 * Prints the slowest test files at the end of a run: each file's import, hooks and tests, as its worker spent them,
 * and its share of all the workers' time. (The file order of the next run, slowest first, comes from vitest's own
 * results cache in node_modules/.vite; test/support/sequencer.ts orders a first run.)
 */
export default class SlowestFiles implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const files = modules
      .map((m) => {
        const d = m.diagnostic();
        return { file: relative(this.root, m.moduleId), ms: d.collectDuration + d.setupDuration + d.duration, tests: [...m.children.allTests()].length };
      })
      .sort((a, b) => b.ms - a.ms);
    if (!files.length) return;
    const total = files.reduce((s, f) => s + f.ms, 0);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
    const lines = files.slice(0, SHOWN).map((f) => `${s(f.ms)} ${((100 * f.ms) / total).toFixed(0).padStart(3)} %  ${f.file} (${f.tests} tests)`);
    console.log(`\nSlowest test files (of ${files.length}; ${s(total).trim()} of worker time in all):\n${lines.join('\n')}\n`);
  }
}
