import { connect } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarations, procurements } from '../../src/db/schema/index.js';
import { testEngines } from '../support/engines.js';
import { type OwnDatabase, ownDatabase } from '../support/ownDatabase.js';
import { type PortalProcess, startPortalProcess } from '../support/portalProcess.js';
import { DEMO_EMAIL, sessionOf } from '../support/sessions.js';

const AGENCY = '982391490'; // Lotteri- og stiftelsestilsynet in the demo data; lise.berg edits its declarations

/** Sends a request's head and the first half of its body, and hands back the way to finish it. */
function startSlowRequest(url: string, path: string, headers: Record<string, string>, body: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let response = '';
  socket.on('data', (d) => (response += d.toString()));
  const done = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(response));
    socket.on('close', () => resolve(response));
    socket.on('error', reject);
  });
  const head = [`PUT ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  const half = Math.floor(body.length / 2);
  socket.write(`${head.join('\r\n')}\r\n\r\n${body.slice(0, half)}`);
  return {
    finish() {
      socket.write(body.slice(half));
      return done;
    },
  };
}

function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe.each(testEngines())('graceful shutdown on %s', (engine) => {
  let own: OwnDatabase;
  let portal: PortalProcess;
  let procurementId: string;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    own = await ownDatabase(engine, 'demo');
    const h = await own.open();
    const [p] = await h.db.select({ id: procurements.id }).from(procurements).where(eq(procurements.status, 'consultation'));
    procurementId = p!.id;
    await h.db.delete(declarations).where(and(eq(declarations.procurementId, procurementId), eq(declarations.agencyOrgnr, AGENCY)));
    session = await sessionOf(h.db, DEMO_EMAIL.lise);
    await h.close();
    portal = await startPortalProcess(own.env);
  });
  afterAll(async () => {
    if (portal && portal.child.exitCode === null) portal.child.kill('SIGKILL');
    await own?.cleanup();
  });

  it('SIGTERM lets a write in flight finish and be stored, refuses new connections, and exits 0', async () => {
    expect((await fetch(`${portal.url}/readyz`)).status).toBe(200);
    const slow = startSlowRequest(
      portal.url,
      `/api/v1/procurements/${procurementId}/declarations/${AGENCY}`,
      { cookie: session.cookie, 'x-csrf-token': session.csrf },
      JSON.stringify({ answers: { reason: 'cost' } }),
    );
    await new Promise((r) => setTimeout(r, 300));
    portal.child.kill('SIGTERM');
    // Draining: no new connections, but the process waits for the request it is in the middle of.
    let refused = false;
    for (let i = 0; i < 40 && !refused; i++) {
      refused = !(await canConnect(portal.url));
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe(true);
    expect(portal.child.exitCode).toBeNull();

    const response = await slow.finish();
    expect(response).toMatch(/^HTTP\/1\.1 20[01] /);
    const { code } = await portal.exited;
    expect(code).toBe(0);

    const h = await own.open();
    const stored = await h.db.select().from(declarations).where(and(eq(declarations.procurementId, procurementId), eq(declarations.agencyOrgnr, AGENCY)));
    await h.close();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual({ reason: 'cost' });
  });
});
