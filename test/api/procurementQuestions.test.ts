/**
 * Public questions and answers on a procurement in consultation (issue 17, item 2; the report's 2.1.4 and 3.2): an
 * agency asks, the provider answers, everyone sees the answer without the asking agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem } from '../support/expectations.js';
import { caller, demoSessions, type Who } from '../support/sessions.js';
import { demoConsultationId, demoProcurementId } from '../support/factories.js';

const LOTTSTIFT = '982391490';

describe.each(testEngines())('questions on a procurement on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  let open: string;
  let planned: string;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
    open = await demoConsultationId(t);
    planned = await demoProcurementId(t, 'planned');
  });
  afterAll(async () => t?.close());
  const call = caller(() => t, () => headers);

  it('publishes the answer to everyone, never the asking agency', async () => {
    const asked = await call('lise', 'POST', `/api/v1/procurements/${open}/questions`, { agency: LOTTSTIFT, question: 'Omfatter avtalen reiser for styremedlemmer?' });
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id as string;
    // Unanswered: not published; the provider sees it and who asked.
    expect((await t.app.inject({ url: `/api/v1/procurements/${open}/questions` })).json().total).toBe(0);
    const forProvider = (await call('siri', 'GET', `/api/v1/procurements/${open}/questions`)).json();
    expect(forProvider.items).toEqual([expect.objectContaining({ id, agency: LOTTSTIFT, answer: null })]);
    const answered = await call('siri', 'PUT', `/api/v1/procurements/${open}/questions/${id}/answer`, { answer: 'Ja, når de reiser i oppdrag for virksomheten.' });
    expect(answered.statusCode).toBe(200);
    const pub = await t.app.inject({ url: `/api/v1/procurements/${open}/questions` });
    expect(pub.json().items).toEqual([expect.objectContaining({ id, question: 'Omfatter avtalen reiser for styremedlemmer?', answer: 'Ja, når de reiser i oppdrag for virksomheten.' })]);
    expect(pub.body).not.toContain(LOTTSTIFT);
    expect((await call('lise', 'GET', `/api/v1/procurements/${open}/questions`)).body).not.toContain(LOTTSTIFT);
    for (const [prefix, lang, title] of [['', 'nb', 'Spørsmål og svar'], ['/nn', 'nn', 'Spørsmål og svar'], ['/en', 'en', 'Questions and answers']] as const) {
      const html = decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/anskaffelser/${open}` }), lang));
      expect(html).toContain(title);
      expect(html).toContain('Ja, når de reiser i oppdrag for virksomheten.');
    }
  });

  it('takes questions only during the consultation, and refuses an empty one', async () => {
    expectProblem(await call('lise', 'POST', `/api/v1/procurements/${planned}/questions`, { agency: LOTTSTIFT, question: 'Når kommer høringen?' }), 409, /på høring/);
    expectProblem(await call('lise', 'POST', `/api/v1/procurements/${open}/questions`, { agency: LOTTSTIFT, question: '  ' }), 400, /Skriv spørsmålet/);
    expectProblem(await call('siri', 'PUT', `/api/v1/procurements/${open}/questions/00000000-0000-0000-0000-000000000000/answer`, { answer: 'x' }), 404, /Fant ikke spørsmålet/);
  });
});
