import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface Nginx {
  url: string;
  /** Stops it gracefully (SIGQUIT) and removes its directory. */
  stop(): Promise<void>;
}

/** Debian's nginx (installed by .ci/run): not always on a non-root PATH. */
function nginxBinary(): string {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx', 'nginx'].find((b) => {
    try {
      execFileSync(b, ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) throw new Error('nginx not found: apt-get install -y nginx');
  return bin;
}

/**
 * nginx on a free loopback port, in the foreground, for the benches that compare the
 * portal with it and the test that puts it in front of two app nodes. `http` goes in the http block (upstreams,
 * types, sendfile), `server` in the one server block after its `listen`. It runs in a directory of its own (config, pid,
 * logs, temp files), removed when it stops. The configuration is checked with `nginx -t` (a mistake fails with nginx's message), and
 * the call returns once `readyPath` answers 2xx.
 */
export async function startNginx(options: { workers?: number | 'auto'; http?: string; server: string; readyPath: string }): Promise<Nginx> {
  const bin = nginxBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ft-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes ${options.workers ?? 1};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${options.http ?? ''}
  server {
    listen 127.0.0.1:${port};
${options.server}
  }
}
`,
  );
  try {
    execFileSync(bin, ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx refused its configuration: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
  }
  const child = spawn(bin, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; !(await fetch(url + options.readyPath).then((r) => r.ok, () => false)); i++) {
    if (i >= 100 || child.exitCode !== null) {
      await stop();
      throw new Error(`nginx did not answer ${options.readyPath} on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}
