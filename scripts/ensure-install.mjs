// `npm start` and `npm test` on a fresh clone or after a pull: run `npm ci` when node_modules does not match
// package-lock.json — a package missing or at another version than the lock file says, or the pinned Node
// (node_modules/.bin/node) absent. Runs on whatever Node started it (the machine's own before the first install).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './pinned-node.mjs';

/** What differs between the installed packages and the lock file (at most a few lines), or [] when they match. */
export function installDrift(dir = root) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const drift = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || entry.link) continue;
    let installed;
    try {
      installed = JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8')).version;
    } catch {
      // An optional package for another platform (e.g. @esbuild/darwin-arm64) is never installed here.
      if (entry.optional || entry.devOptional) continue;
    }
    if (installed !== entry.version) drift.push(`${path.slice('node_modules/'.length)}: ${installed ?? 'missing'}, lock file ${entry.version}`);
    if (drift.length === 5) break;
  }
  if (!drift.length && !existsSync(join(dir, 'node_modules/.bin/node'))) drift.push('node_modules/.bin/node: missing');
  return drift;
}

/** Runs `npm ci` when node_modules does not match package-lock.json. */
export function ensureInstall() {
  const drift = installDrift();
  if (drift.length) {
    console.log(`node_modules does not match package-lock.json (${drift.join('; ')}): npm ci…`);
    execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureInstall();
