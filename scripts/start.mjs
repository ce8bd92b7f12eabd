// `npm start`, in one Node process (issue 16 / ADR 0016): run `npm ci` when node_modules does not match
// package-lock.json (scripts/ensure-install.mjs), build when a build input changed (scripts/build-if-changed.mjs),
// then run the server (dist/src/server/main.js) in this same process. Each extra Node process npm starts (a
// `prestart` script, then `start`) costs a Node start-up and a shell, a few hundred milliseconds of a 3 s budget.
//
// On a fresh clone npm may have started this on the machine's own Node (node_modules/.bin/node did not exist yet);
// the server then runs on the pinned Node as a child process, with the signals passed on.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfChanged } from './build-if-changed.mjs';
import { ensureInstall } from './ensure-install.mjs';
import { onPinnedNode, pinnedEnv, pinnedNode, root } from './pinned-node.mjs';

ensureInstall();
buildIfChanged();
const server = join(root, 'dist/src/server/main.js');
const args = process.argv.slice(2);
if (onPinnedNode()) {
  // As if started as `node dist/src/server/main.js`: cluster workers run process.argv[1].
  process.argv.splice(1, process.argv.length - 1, server, ...args);
  await import(pathToFileURL(server).href);
} else {
  const child = spawn(pinnedNode, [server, ...args], { stdio: 'inherit', env: pinnedEnv() });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
