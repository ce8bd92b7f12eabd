// `npm start` (prestart): build only when what the build reads has changed since the last build. The stamp is a
// SHA-256 over the build's inputs — every file under src/ and bench/, the tsconfig files, the asset and bundle scripts and
// package-lock.json (which pins the packages the assets are copied from) — written to dist/.build-stamp after a
// successful `npm run build`. Content, not mtimes: a checkout or `touch` that changes nothing does not rebuild,
// an edit always does. Hashing the ~700 inputs takes a few tens of milliseconds; the build takes 30 s or more.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './pinned-node.mjs';

const INPUT_DIRS = ['src', 'bench'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-assets.mjs', 'scripts/bundle-server.mjs'];
/** The outputs a start needs; any of them missing means a build whatever the stamp says. */
const OUTPUTS = ['dist/src/server/main.js', 'dist/src/server/main.bundle.js', 'dist/public/manifest.json'];

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** The hash of the build's inputs in `dir` (a project root). */
export function sourceStamp(dir = root) {
  const files = [];
  for (const d of INPUT_DIRS) if (existsSync(join(dir, d))) files.push(...filesUnder(join(dir, d)));
  for (const f of INPUT_FILES) if (existsSync(join(dir, f))) files.push(join(dir, f));
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(dir, f)).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  }
  return hash.digest('hex');
}

export const stampFile = (dir = root) => join(dir, 'dist/.build-stamp');

/** Why a build is needed, or undefined when dist/ was built from exactly these inputs. */
export function buildNeeded(dir = root, stamp = sourceStamp(dir)) {
  const missing = OUTPUTS.find((f) => !existsSync(join(dir, f)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(stampFile(dir))) return 'no build stamp';
  if (readFileSync(stampFile(dir), 'utf8').trim() !== stamp) return 'sources changed since the last build';
  return undefined;
}

/** Builds (`npm run build`) when dist/ was not built from the current inputs, then writes the stamp. */
export function buildIfChanged(dir = root) {
  const stamp = sourceStamp(dir);
  const why = buildNeeded(dir, stamp);
  if (why) {
    console.log(`Building (${why})…`);
    execSync('npm run --silent build', { cwd: dir, stdio: 'inherit' });
    writeFileSync(stampFile(dir), stamp + '\n');
  } else if (process.env.BUILD_VERBOSE) {
    console.log('dist/ is up to date: no build.');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildIfChanged();
