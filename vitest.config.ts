import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A worker runs its files one after another in one process, so the application's modules are loaded once per
    // worker and not once per file, and the browser is shared (test/support/browser.ts). Each file still gets its
    // own database and its own app; nothing in src/ keeps state outside them (caches hang off the database handle).
    isolate: false,
    sequence: { sequencer: SlowestFirst },
    testTimeout: 60_000,
    // A browser test polls for what a submit shows after the page posts and reloads: on a busy 2-core CI machine that
    // has taken longer than expect.poll's default second. A poll that can never succeed still fails, only later.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
    // Browser tests print their own progress; keep the default reporter readable. The second lists the slowest files.
    reporters: ['default', './test/support/slowestFiles.ts'],
  },
});
