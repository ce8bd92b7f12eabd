import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, ideas, ideaVotes } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem, inLanguages } from '../support/expectations.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

const LOTTSTIFT = '982391490';
const VALG = '916132727'; // one of Per's agencies
const LDO = '988681873'; // another of Per's

/** Ideas: proposing, one vote per agency, comments signed by organisation, and the provider's answers and status. */
describe.each(testEngines())('ideas on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  let id = '';

  beforeAll(async () => {
    headers = await demoSessions(t.database.db);
  });

  it('refuses a bad proposal with the problems named, and writes nothing', async () => {
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(ideas))[0]!.n;
    const body = expectProblem(await call('lise', 'POST', '/api/v1/ideas', { agency: LOTTSTIFT, kind: 'improvement', title: 'Kort', description: 'kort' }), 400, /Forslaget må ha 5–200 tegn/);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['description', 'service', 'title']);
    expectProblem(await call('lise', 'POST', '/api/v1/ideas', { agency: LOTTSTIFT, kind: 'improvement', service: 'finnes-ikke', title: 'Et forslag', description: 'Et forslag om noe.' }), 400, /finnes-ikke/);
    expectProblem(await call('lise', 'POST', '/api/v1/ideas', { agency: LOTTSTIFT, kind: 'new_service', provider: 'ingen', title: 'Et forslag', description: 'Et forslag om noe.' }), 400, /leverandør med adressen «ingen»/);
    expect((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(ideas))[0]!.n).toBe(before);
  });

  it('proposes an improvement addressed to the service’s provider, with the proposer’s vote', async () => {
    const r = await call('lise', 'POST', '/api/v1/ideas', { agency: LOTTSTIFT, kind: 'improvement', service: 'dfo-regnskap', title: 'Felles maler for periodeavslutning', description: 'Maler for periodeavslutning ville spart små virksomheter tid.' });
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({ status: 'received', provider: { slug: 'dfo' }, service: { slug: 'dfo-regnskap' }, area: { slug: 'regnskap' }, votes: 1, voters: [{ orgnr: LOTTSTIFT }], history: [{ from: null, to: 'received' }] });
  });

  it('counts one vote per agency: voting again changes nothing, and the vote can be taken back', async () => {
    expect((await call('per', 'PUT', `/api/v1/ideas/${id}/votes/${VALG}`)).statusCode).toBe(201);
    const again = await call('per', 'PUT', `/api/v1/ideas/${id}/votes/${VALG}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().votes).toBe(2);
    expect((await call('per', 'PUT', `/api/v1/ideas/${id}/votes/${LDO}`)).json().votes).toBe(3);
    expect((await t.database.db.select().from(ideaVotes).where(eq(ideaVotes.ideaId, id))).length).toBe(3);
    expect((await call('per', 'DELETE', `/api/v1/ideas/${id}/votes/${LDO}`)).json().votes).toBe(2);
    expect((await call('per', 'DELETE', `/api/v1/ideas/${id}/votes/${LDO}`)).json().votes).toBe(2);
    expect((await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).map((e) => e.action).filter((a) => a.startsWith('idea.'))).toEqual(['idea.propose', 'idea.vote', 'idea.vote', 'idea.unvote']);
  });

  it('signs comments by organisation, and refuses empty ones', async () => {
    await call('per', 'POST', `/api/v1/ideas/${id}/comments`, { body: 'Vi trenger det samme.', agency: VALG });
    await call('dag', 'POST', `/api/v1/ideas/${id}/comments`, { body: 'Vi ser på det.', provider: 'dfo' });
    const r = await call('anne', 'POST', `/api/v1/ideas/${id}/comments?lang=en`, { body: 'DFØ følger opp.' });
    expect(r.json().commentList.map((c: { author: { kind: string; name: string } }) => c.author)).toEqual([
      { kind: 'agency', name: 'Norwegian Directorate of Elections' },
      { kind: 'provider', name: 'Norwegian Agency for Public and Financial Management' },
      { kind: 'dfo', name: 'DFØ' },
    ]);
    expectProblem(await call('per', 'POST', `/api/v1/ideas/${id}/comments`, { body: ' ', agency: VALG }), 400, /Kommentaren må ha 2–2000 tegn/);
    expectProblem(await call('per', 'POST', `/api/v1/ideas/${id}/comments`, { body: 'Ikke våre', agency: LOTTSTIFT }), 403, /ikke tilgang/);
  });

  it('moves through the status machine: illegal steps are 409, declining needs a reason, and closes voting', async () => {
    expectProblem(await call('dag', 'POST', `/api/v1/ideas/${id}/status`, { status: 'done' }), 409, /«Mottatt», kan ikke settes til «Gjennomført»/);
    expectProblem(await call('dag', 'POST', `/api/v1/ideas/${id}/status?lang=en`, { status: 'declined' }), 400, /Say why the proposal is declined/);
    expectProblem(await call('dag', 'POST', `/api/v1/ideas/${id}/status`, { status: 'received', note: ' ' }), 400, /Endre statusen eller skriv et svar/);
    expect((await call('dag', 'POST', `/api/v1/ideas/${id}/status`, { status: 'received', note: 'Takk, vi ser på det.' })).json().status).toBe('received');
    const declined = await call('dag', 'POST', `/api/v1/ideas/${id}/status`, { status: 'declined', note: 'Malene finnes allerede i Anskaffelser.no.' });
    expect(declined.json()).toMatchObject({ status: 'declined', history: [{ to: 'received' }, { from: 'received', to: 'received', note: 'Takk, vi ser på det.' }, { from: 'received', to: 'declined', note: 'Malene finnes allerede i Anskaffelser.no.', by: 'Dag Olsen' }] });
    expectProblem(await call('per', 'PUT', `/api/v1/ideas/${id}/votes/${LDO}`), 409, /Forslaget er avsluttet/);
    expectProblem(await call('per', 'POST', `/api/v1/ideas/${id}/comments`, { body: 'Synd!', agency: VALG }), 409, /avsluttet/);
    expect((await call('dag', 'POST', `/api/v1/ideas/${id}/status`, { status: 'under_consideration', note: 'Vi ser på det igjen.' })).json().status).toBe('under_consideration');
    expect((await call('per', 'PUT', `/api/v1/ideas/${id}/votes/${LDO}`)).statusCode).toBe(201);
  });

  it('lets only DFØ answer a new service addressed to no provider', async () => {
    const r = await call('lise', 'POST', '/api/v1/ideas', { agency: LOTTSTIFT, kind: 'new_service', area: 'it-drift', title: 'Felles IT-drift for små virksomheter', description: 'En driftstjeneste for små virksomheter uten egen IT.' });
    expect(r.json()).toMatchObject({ provider: null, area: { slug: 'it-drift' } });
    expectProblem(await call('dag', 'POST', `/api/v1/ideas/${r.json().id}/status`, { status: 'planned' }), 403, /Bare leverandøren/);
    expect((await call('anne', 'POST', `/api/v1/ideas/${r.json().id}/status`, { status: 'planned', note: 'DFØ utreder.' })).json().status).toBe('planned');
  });

  it('lists by votes or newest and filters by status, kind and service', async () => {
    const titles = async (q: string) => ((await call('anonymous', 'GET', `/api/v1/ideas${q}`)).json().items as { title: string; votes: number }[]);
    const byVotes = await titles('');
    expect(byVotes.map((i) => i.votes)).toEqual([...byVotes.map((i) => i.votes)].sort((a, b) => b - a));
    expect((await titles('?sort=newest'))[0]!.title).toBe('Felles IT-drift for små virksomheter');
    expect((await titles('?status=done')).map((i) => i.title)).toEqual(['Enklere oppstart for små virksomheter i lønnstjenesten']);
    expect((await titles('?service=dfo-lonn')).every((i) => /lønn/i.test(i.title))).toBe(true);
    expect((await titles('?kind=new_service')).length).toBe(3);
    expectProblem(await call('anonymous', 'GET', '/api/v1/ideas?status=maybe'), 400, /status/);
  });

  it('works through the pages: propose, vote, comment and answer, in three languages', async () => {
    const bad = await post('lise', '/ideer/ny', { kind: 'improvement', title: 'Hm', description: '' });
    expect(decode(expectHtmlPage(bad, 'nb', 400))).toContain('Velg tjenesten forslaget gjelder.');
    const ok = await post('lise', '/ideer/ny', { kind: 'improvement', service: 'dfo-lonn', title: 'Lønnsslipp på nynorsk', description: 'Lønnsslippen bør finnes på nynorsk.' });
    expect(ok.statusCode).toBe(303);
    const path = ok.headers.location!.split('?')[0]!;
    expect((await post('per', `${path}/stem`, { virksomhet: VALG })).headers.location).toBe(`${path}?ok=voted#votes`);
    expect((await post('per', `${path}/kommentar`, { as: `agency:${LDO}`, body: 'Godt forslag.' })).headers.location).toBe(`${path}?ok=commented#comments`);
    const noReason = await post('dag', `${path}/status`, { status: 'declined', note: '' });
    expect(decode(expectHtmlPage(noReason, 'nb', 400))).toContain('Skriv hvorfor forslaget avslås.');
    expect((await post('dag', `${path}/status`, { status: 'planned', note: 'Kommer i neste versjon.' })).headers.location).toBe(`${path}?ok=moved#answer`);
    for (const [lang, url] of [...inLanguages(path), ...inLanguages('/ideer'), ...inLanguages('/ideer?tjeneste=dfo-lonn')]) {
      const html = expectHtmlPage(await t.app.inject({ url, headers: { cookie: headers.per.cookie! } }), lang);
      if (url.includes(path)) expect(html).toContain('Kommer i neste versjon.');
    }
    for (const [lang, url] of inLanguages('/ideer/ny?tjeneste=dfo-lonn')) expectHtmlPage(await t.app.inject({ url, headers: { cookie: headers.lise.cookie! } }), lang);
  });
});
