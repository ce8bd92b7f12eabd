import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { programArgs } from '../support/commands.js';

/** `npm start` with a mistyped or bare production environment stops at once, saying what is missing (issue 14, item 5). */
function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, programArgs('src/server/main.ts'), {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', DATA_DIR: '/nonexistent/ft-startup-config', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('start-up fails closed', () => {
  it.each(['prod', 'staging', 'production'])('NODE_ENV=%s without settings: exit 2, one line per missing setting, nothing started', async (nodeEnv) => {
    const { code, output } = await start({ NODE_ENV: nodeEnv });
    expect(code).toBe(2);
    const lines = output.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Configuration error: PUBLIC_URL is required in production/),
      expect.stringMatching(/^Configuration error: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required in production/),
      expect.stringMatching(/^Configuration error: SESSION_SECRET is required in production/),
    ]);
    expect(output).not.toMatch(/Development sign-in|Demo dataset/);
  }, 30_000);

  it('an http PUBLIC_URL in production is refused', async () => {
    const { code, output } = await start({
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://fellestjenester.example',
      OIDC_ISSUER: 'https://idp.example',
      OIDC_CLIENT_ID: 'ft',
      OIDC_CLIENT_SECRET: 'secret',
      SESSION_SECRET: 'x'.repeat(40),
    });
    expect(code).toBe(2);
    expect(output.trim()).toMatch(/^Configuration error: PUBLIC_URL must be https:\/\/ in production/);
  }, 30_000);
});
