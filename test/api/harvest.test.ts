import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRuns, providers, services, serviceVersions } from '../../src/db/schema/index.js';
import { commandLineActor } from '../../src/domain/actor.js';
import { harvestAll } from '../../src/server/harvest.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage } from '../support/expectations.js';
import { demoSessions, formPoster, type Who } from '../support/sessions.js';

const PREFIXES = `@prefix cpsvno: <https://data.norge.no/vocabulary/cpsvno#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix cv: <http://data.europa.eu/m8g/> .
`;
const service = (slug: string, title: string, description: string, area = 'sikkerhet-og-beredskap') => `
<https://nksb.example/tjenester/${slug}> a cpsvno:Service ;
  dct:identifier "${slug}" ;
  dct:title "${title}"@nb ;
  dct:description "${description}"@nb ;
  cv:thematicArea <https://nksb.example/omrader/${area}> .
`;
/** The provider's catalogue: one service renamed, one new; the third of today's entries is no longer listed. */
const GOOD =
  PREFIXES +
  service('nksb-sikring-av-bygg', 'Sikring av bygg og eiendom', 'Råd om sikring av bygg og eiendom. For statlige virksomheter.') +
  service('nksb-sikringsrisiko', 'Sikringsrisikovurdering', 'Vurdering av sikringsrisiko for et bygg. Med rapport.');

/** Serves /good.ttl, /bad-service.ttl (the second service names an area that does not exist) and /cut.ttl (cut off midway). */
async function catalogueServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/good.ttl') return res.writeHead(200, { 'content-type': 'text/turtle' }).end(GOOD);
    if (req.url === '/bad-service.ttl') return res.writeHead(200, { 'content-type': 'text/turtle' }).end(PREFIXES + service('nksb-sikring-av-bygg', 'Nytt navn', 'Ny tekst.') + service('nksb-x', 'X', 'Y.', 'finnes-ikke'));
    if (req.url === '/cut.ttl') {
      // Half the file, then the connection dies: the body never ends as promised.
      res.writeHead(200, { 'content-type': 'text/turtle', 'content-length': String(GOOD.length * 2) });
      res.write(GOOD.slice(0, GOOD.length / 2));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(testEngines())('harvesting a provider’s CPSV-AP-NO catalogue on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let server: Server;
  let base: string;
  const post = formPoster(() => t, () => headers);

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    ({ server, base } = await catalogueServer());
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  /** The provider's entries as they stand: slug, title, retired or not, and the number of published versions. */
  const snapshot = async () => {
    const db = t.database.db;
    const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'nksb'));
    const rows = await db.select({ id: services.id, slug: services.slug, name: services.name, retiredAt: services.retiredAt }).from(services).where(eq(services.providerId, p!.id)).orderBy(services.slug);
    const versions = await db.select({ serviceId: serviceVersions.serviceId }).from(serviceVersions);
    return { entries: rows.map((r) => ({ slug: r.slug, name: r.name.nb, retired: r.retiredAt !== null })), versions: versions.filter((v) => rows.some((r) => r.id === v.serviceId)).length };
  };
  const lastRun = async () => (await t.database.db.select().from(importRuns).where(eq(importRuns.kind, 'harvest')).orderBy(importRuns.startedAt)).at(-1)!;
  const register = (url: string) => post('anne', '/admin/innhenting', { provider: 'nksb', url });

  it('only DFØ registers a URL and harvests; the page is there', async () => {
    expect((await post('dag', '/admin/innhenting', { provider: 'nksb', url: `${base}/good.ttl` })).statusCode).toBe(403);
    expect((await register('ftp://nksb.example/katalog')).statusCode).toBe(400);
    expect((await register(`${base}/cut.ttl`)).statusCode).toBe(303);
    expect((await post('dag', '/admin/innhenting/nksb/hent', {})).statusCode).toBe(403);
    expectHtmlPage(await t.app.inject({ method: 'GET', url: '/admin/innhenting', headers: headers.anne }), 'nb');
    expect((await t.app.inject({ method: 'GET', url: '/admin/innhenting', headers: headers.dag })).statusCode).toBe(403);
  });

  it('a harvest that fails midway (the file cut off) changes nothing and is reported to DFØ', async () => {
    const before = await snapshot();
    const res = await post('anne', '/admin/innhenting/nksb/hent', {});
    expect(res.statusCode).toBe(303);
    expect(await snapshot()).toEqual(before);
    const run = await lastRun();
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/kunne ikke hentes .*Ingenting er endret/);
    const page = decode((await t.app.inject({ method: 'GET', url: '/admin/innhenting', headers: headers.anne })).body);
    expect(page).toContain('Feilet');
  });

  it('a catalogue with one bad service changes nothing, not even the good one, and names the service', async () => {
    await register(`${base}/bad-service.ttl`);
    const before = await snapshot();
    const [r] = await harvestAll(t.database.db, commandLineActor('test'), 'nb', { timeoutMs: 2000 });
    expect(r).toMatchObject({ provider: 'nksb', ok: false });
    expect(await snapshot()).toEqual(before);
    expect((await lastRun()).problems).toEqual([{ position: '2', reason: 'Rad 2, omrade: området «finnes-ikke» finnes ikke' }]);
  });

  it('harvests the catalogue: renamed, created and retired, published; the same file again changes nothing', async () => {
    await register(`${base}/good.ttl`);
    const res = await post('anne', '/admin/innhenting/nksb/hent', {});
    expect(res.statusCode).toBe(303);
    expect((await lastRun()).status).toBe('succeeded');
    expect((await lastRun()).counts).toEqual({ created: 1, changed: 1, retired: 1, unchanged: 0 });
    const after = await snapshot();
    expect(after.entries).toEqual([
      { slug: 'nksb-sikring-av-bygg', name: 'Sikring av bygg og eiendom', retired: false },
      { slug: 'nksb-sikring-i-byggeprosjekter', name: 'Sikkerhetsfaglig rådgivning i byggeprosjekter', retired: true },
      { slug: 'nksb-sikringsrisiko', name: 'Sikringsrisikovurdering', retired: false },
    ]);
    // Idempotent: the same catalogue again writes nothing, not even a new version.
    const [again] = await harvestAll(t.database.db, commandLineActor('cron: nightly harvest'), 'nb', { timeoutMs: 2000 });
    expect(again).toMatchObject({ ok: true, counts: { created: 0, changed: 0, retired: 0, unchanged: 2 } });
    expect(await snapshot()).toEqual(after);
  });
});
