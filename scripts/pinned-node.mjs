// The Node the project runs on: the npm registry's `node` package (package.json pins it), linked as
// node_modules/.bin/node. npm scripts find it first on the PATH; scripts that spawn Node use these helpers so a child
// never falls back to the machine's own Node.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const binDir = join(root, 'node_modules/.bin');
export const pinnedNode = join(binDir, 'node');

/** The version package.json pins, e.g. "24.21.0". */
export function pinnedVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies.node;
}

/** True when this process runs on the pinned Node. */
export function onPinnedNode() {
  return process.version === `v${pinnedVersion()}`;
}

/** `env` with node_modules/.bin first on the PATH, so `node` in a child (and its children) is the pinned one. */
export function pinnedEnv(env = process.env) {
  const rest = (env.PATH ?? '').split(delimiter).filter((p) => p && p !== binDir);
  return { ...env, PATH: [binDir, ...rest].join(delimiter) };
}

/** Re-runs this script on the pinned Node when started on another one (e.g. `node scripts/x.mjs` in a shell). */
export function reexecOnPinnedNode(script, args) {
  if (onPinnedNode()) return;
  if (!existsSync(pinnedNode)) throw new Error(`${pinnedNode} is missing: run npm ci`);
  const r = spawnSync(pinnedNode, [script, ...args], { stdio: 'inherit', env: pinnedEnv() });
  process.exit(r.status ?? 1);
}
