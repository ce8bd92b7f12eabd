import { type ChildProcess, spawn } from 'node:child_process';
import { projectRoot } from '../../src/paths.js';
import { programArgs } from './commands.js';

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` as production runs it (src/server/main.ts), in a child process, on a free loopback port. */
export async function startPortalProcess(env: NodeJS.ProcessEnv): Promise<PortalProcess> {
  const child = spawn(process.execPath, programArgs('src/server/main.ts'), {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // no server left behind by a failed test
      reject(new Error(`the portal did not start in 60 s:\n${out}`));
    }, 60_000);
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code} before it listened:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited };
}
