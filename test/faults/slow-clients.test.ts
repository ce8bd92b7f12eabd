import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/**
 * Slowloris on the embedded engine (issue 14, item 1): clients that send their headers and then trickle a large body
 * must not hold the admission places (8 on PGlite) that every page needs, and are cut off at the request timeout.
 */
describe('slow clients do not stall the server', () => {
  let t: TestApp;
  let base: string;
  let port: number;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    t = await createTestApp('pglite', { env: { REQUEST_TIMEOUT_SECONDS: '3' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const s of sockets) s.destroy();
    await t?.close();
  });

  /** A client that sends a write's headers, then one byte of its 100 kB body every 100 ms. */
  function slowClient(): { socket: Socket; closed: Promise<number> } {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const opened = Date.now();
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
    socket.on('error', () => {});
    socket.write(`POST /api/v1/procurements HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"title":"`);
    timers.push(setInterval(() => socket.writable && socket.write('a'), 100));
    return { socket, closed };
  }

  it('answers pages and the API within a second while 20 clients trickle their bodies, and cuts those clients off', async () => {
    const paths = ['/', '/api/v1/areas', '/tjenester'];
    for (const path of paths) expect((await fetch(base + path)).status).toBe(200); // warm: the first render compiles
    const slow = Array.from({ length: 20 }, () => slowClient());
    await new Promise((r) => setTimeout(r, 300)); // every slow client is in, headers sent
    for (const path of paths) {
      const t0 = performance.now();
      const res = await fetch(base + path, { signal: AbortSignal.timeout(1000) });
      expect(res.status, path).toBe(200);
      expect(performance.now() - t0, path).toBeLessThan(1000);
    }
    expect((await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) })).status).toBe(200);
    // The request timeout (3 s here, Node checks every second) ends the trickle.
    const lifetimes = await Promise.all(slow.map((s) => s.closed));
    expect(Math.max(...lifetimes)).toBeLessThan(8000);
  }, 20_000);
});
