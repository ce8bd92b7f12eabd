import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

let newestSource: number | undefined;

/** The newest modification time of any file under src/ (once per process). */
function newestSourceTime(): number {
  if (newestSource === undefined) {
    newestSource = 0;
    for (const e of readdirSync(join(projectRoot, 'src'), { withFileTypes: true, recursive: true })) {
      if (e.isFile()) newestSource = Math.max(newestSource, statSync(join(e.parentPath, e.name)).mtimeMs);
    }
  }
  return newestSource;
}

/**
 * The arguments for `process.execPath` that run one of the portal's programs (`src/cli/import-usage.ts`,
 * `src/server/main.ts` …) in a child process, as production does: its build in dist/ when that is newer than every
 * source file (`npm test` builds first), else the TypeScript through tsx (a vitest run without a fresh build). The
 * build starts in a fraction of the time, where tsx compiles the program's whole import graph on each start.
 */
export function programArgs(source: string, ...args: string[]): string[] {
  const built = join(projectRoot, 'dist', source.replace(/\.tsx?$/, '.js'));
  // `npm test` has just built dist/ (TEST_BUILT): a source file saved or merged during the run does not switch the
  // remaining children to tsx, which compiles the whole import graph on every start (minutes on a loaded machine).
  if (existsSync(built) && (process.env.TEST_BUILT === '1' || statSync(built).mtimeMs >= newestSourceTime())) return [built, ...args];
  // node --import tsx, not the tsx wrapper: signals reach the program itself, not a parent that forwards them.
  return ['--import', 'tsx', join(projectRoot, source), ...args];
}
