/**
 * Early involvement before a procurement (issue 17, item 2; the report's 2.1.4, 3.1, 3.2): a needs survey to every
 * eligible agency, Statens innkjøpsråd's recommendation and DFØ's decision with documents, shown on the procurement
 * page; and the questions form on a procurement in consultation. Over HTTP, on both engines.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agencies, surveys } from '../../src/db/schema/index.js';
import { osloDate } from '../../src/domain/osloTime.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem } from '../support/expectations.js';
import { caller, useDemoSessions, formPoster } from '../support/sessions.js';
import { demoConsultationId } from '../support/factories.js';

const LOTTSTIFT = '982391490'; // Lise's agency
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

describe.each(testEngines())('early involvement on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const today = osloDate(new Date());
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);
  const newProcurement = async (eligibility: 'state' | 'state_and_municipal' = 'state') => {
    const res = await call('siri', 'POST', '/api/v1/procurements', { provider: 'statens-innkjopssenter', title: 'Møbler 2028', category: 'Møbler', description: 'Ny avtale om kontormøbler.', obligation: 'mandatory', eligibility });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  /** Moves a needs survey into the past, as if it had run and closed (the app cannot create a survey in the past). */
  const closeSurvey = async (surveyId: string) => {
    await t.database.db.update(surveys).set({ opensOn: addDays(today, -20), closesOn: addDays(today, -2) }).where(eq(surveys.id, surveyId));
  };

  it('runs the whole path: needs survey to every eligible agency, recommendation, decision, consultation', async () => {
    const id = await newProcurement();
    const started = await call('siri', 'POST', `/api/v1/procurements/${id}/needs-survey`, { opensOn: today, closesOn: addDays(today, 14) });
    expect(started.statusCode).toBe(201);
    const early = started.json();
    expect(early.step).toBe('needs_survey');
    // Every state agency and ministry that exists, not only the users of an agreement.
    const state = (await t.database.db.select({ orgnr: agencies.orgnr, kind: agencies.kind, deletedOn: agencies.deletedOn }).from(agencies)).filter((a) => ['agency', 'ministry'].includes(a.kind) && !a.deletedOn);
    expect(early.needsSurvey).toMatchObject({ opensOn: today, closesOn: addDays(today, 14), responses: 0, eligible: state.length });
    expect(early.needsSurvey.eligible).toBeGreaterThan(50);
    // An agency answers through the survey, like any survey.
    const answer = await call('lise', 'PUT', `/api/v1/surveys/${early.needsSurvey.id}/responses/${LOTTSTIFT}`, { answers: { need: 'yes', current_arrangement: 'own_agreement', agreement_ends: 2027, reference_group: 'yes' } });
    expect(answer.statusCode).toBeLessThan(300);
    expect((await t.app.inject({ url: `/api/v1/procurements/${id}/early-involvement` })).json().needsSurvey.responses).toBe(1);
    // A second survey is refused; so is the recommendation while the survey is open.
    expectProblem(await call('siri', 'POST', `/api/v1/procurements/${id}/needs-survey`, { opensOn: today, closesOn: addDays(today, 3) }), 409, /allerede en behovskartlegging/);
    const council = { kind: 'council_recommendation', decidedOn: today, outcome: 'recommended', summary: 'Rådet anbefaler en felles avtale.', documentTitle: 'Referat fra møte i Statens innkjøpsråd', documentUrl: 'https://www.anskaffelser.no/referat.pdf' };
    expectProblem(await call('siri', 'POST', `/api/v1/procurements/${id}/early-milestones`, council), 409, /behovskartleggingen er avsluttet/);
    await closeSurvey(early.needsSurvey.id);
    // The decision needs the recommendation first.
    const decision = { kind: 'decision', decidedOn: today, outcome: 'proceed', documentTitle: 'Beslutningsnotat', documentRef: 'DFØ 2026/1234' };
    expectProblem(await call('anne', 'POST', `/api/v1/procurements/${id}/early-milestones`, decision), 409, /Registrer anbefalingen først/);
    const recommended = await call('siri', 'POST', `/api/v1/procurements/${id}/early-milestones`, council);
    expect(recommended.statusCode).toBe(201);
    expect(recommended.json().step).toBe('decision');
    const decided = await call('anne', 'POST', `/api/v1/procurements/${id}/early-milestones`, decision);
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toMatchObject({
      step: 'done',
      milestones: [
        { kind: 'council_recommendation', decidedOn: today, outcome: 'recommended', document: { title: 'Referat fra møte i Statens innkjøpsråd', url: 'https://www.anskaffelser.no/referat.pdf', reference: null } },
        { kind: 'decision', decidedOn: today, outcome: 'proceed', document: { title: 'Beslutningsnotat', url: null, reference: 'DFØ 2026/1234' } },
      ],
    });
    // The page shows each step with its document, in every language.
    for (const [prefix, lang, title, outcome] of [['', 'nb', 'Tidlig involvering', 'Anskaffelsen gjennomføres'], ['/nn', 'nn', 'Tidleg involvering', 'Anskaffinga blir gjennomført'], ['/en', 'en', 'Early involvement', 'The procurement goes ahead']] as const) {
      const html = decode(expectHtmlPage(await t.app.inject({ url: `${prefix}/anskaffelser/${id}` }), lang));
      expect(html).toContain(title);
      expect(html).toContain(outcome);
      expect(html).toContain('href="https://www.anskaffelser.no/referat.pdf"');
      expect(html).toContain('DFØ 2026/1234');
    }
    // A proceed decision lets the consultation open.
    const opened = await call('siri', 'POST', `/api/v1/procurements/${id}/transitions`, { action: 'open_consultation', deadline: new Date(Date.now() + 14 * 86400_000).toISOString() });
    expect(opened.statusCode).toBe(200);
    expectProblem(await call('siri', 'POST', `/api/v1/procurements/${id}/early-milestones`, council), 409, /ikke lenger planlagt/);
  });

  it('keeps a procurement DFØ decided to stop from consultation', async () => {
    const id = await newProcurement();
    await call('siri', 'POST', `/api/v1/procurements/${id}/early-milestones`, { kind: 'council_recommendation', decidedOn: today, outcome: 'not_recommended', documentTitle: 'Referat', documentRef: 'SIR 3/2026' });
    expect((await call('anne', 'POST', `/api/v1/procurements/${id}/early-milestones`, { kind: 'decision', decidedOn: today, outcome: 'stop', documentTitle: 'Beslutning', documentRef: 'DFØ 2026/9' })).statusCode).toBe(201);
    expectProblem(await call('siri', 'POST', `/api/v1/procurements/${id}/transitions`, { action: 'open_consultation', deadline: new Date(Date.now() + 14 * 86400_000).toISOString() }), 409, /ikke gå videre/);
  });

  it('reaches municipalities too when the procurement does, and refuses bad fields with every problem', async () => {
    const id = await newProcurement('state_and_municipal');
    const started = (await call('siri', 'POST', `/api/v1/procurements/${id}/needs-survey`, { opensOn: today, closesOn: addDays(today, 7) })).json();
    const all = (await t.database.db.select({ kind: agencies.kind, deletedOn: agencies.deletedOn }).from(agencies)).filter((a) => ['agency', 'ministry', 'municipality', 'county'].includes(a.kind) && !a.deletedOn);
    expect(started.needsSurvey.eligible).toBe(all.length);
    await closeSurvey(started.needsSurvey.id);
    const bad = await call('siri', 'POST', `/api/v1/procurements/${id}/early-milestones`, { kind: 'council_recommendation', decidedOn: addDays(today, 1), outcome: 'proceed', documentTitle: '', documentUrl: 'javascript:alert(1)' });
    expectProblem(bad, 400, /fram i tid/);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['decidedOn', 'outcome', 'documentTitle', 'documentUrl']);
    const nn = await t.app.inject({ method: 'POST', url: `/api/v1/procurements/${id}/early-milestones?lang=nn`, headers: { ...headers.siri, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'council_recommendation', decidedOn: today, outcome: 'recommended', documentTitle: 'Referat' }) });
    expectProblem(nn, 400, /Oppgi ei lenkje eller ein referanse/);
    expectProblem(await call('siri', 'POST', `/api/v1/procurements/${id}/needs-survey`, { opensOn: addDays(today, -1), closesOn: today }), 409, /allerede/);
    expectProblem(await t.app.inject({ url: '/api/v1/procurements/00000000-0000-0000-0000-000000000000/early-involvement' }), 404, /.+/);
  });

  it('works by form without JavaScript, with errors beside the fields', async () => {
    const id = await newProcurement();
    const page = decode(expectHtmlPage(await t.app.inject({ url: `/anskaffelser/${id}`, headers: { cookie: headers.siri.cookie! } }), 'nb'));
    expect(page).toContain('action="/anskaffelser/' + id + '/behovskartlegging"');
    // Closing before opening: 400, the page again with the error linked to the field.
    const bad = await form('siri', `/anskaffelser/${id}/behovskartlegging`, { opensOn: addDays(today, 5), closesOn: today });
    const html = decode(expectHtmlPage(bad, 'nb', 400));
    expect(html).toMatch(/href="#needs-closesOn"/);
    expect(html).toMatch(/id="needs-closesOn"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="needs-closesOn"/);
    const ok = await form('siri', `/anskaffelser/${id}/behovskartlegging`, { opensOn: today, closesOn: addDays(today, 10) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/anskaffelser/${id}?ok=needs_survey#early`);
    const after = decode(expectHtmlPage(await t.app.inject({ url: `/anskaffelser/${id}?ok=needs_survey`, headers: { cookie: headers.siri.cookie! } }), 'nb'));
    expect(after).toContain('Behovskartleggingen er startet.');
    expect(after).not.toContain('action="/anskaffelser/' + id + '/behovskartlegging"');
    // The council's form while the survey is open: the refusal above the form.
    const early = decode(expectHtmlPage(await form('siri', `/anskaffelser/${id}/tidlig-involvering`, { kind: 'council_recommendation', decidedOn: today, outcome: 'recommended', documentTitle: 'Referat', documentRef: 'x' }), 'nb', 409));
    expect(early).toContain('Innkjøpsrådet anbefaler når behovskartleggingen er avsluttet.');
  });

  it('lets an agency ask on the page and the provider answer there; the answer is published without the agency', async () => {
    const open = await demoConsultationId(t);
    const lise = decode(expectHtmlPage(await t.app.inject({ url: `/anskaffelser/${open}`, headers: { cookie: headers.lise.cookie! } }), 'nb'));
    expect(lise).toContain(`action="/anskaffelser/${open}/sporsmal"`);
    // Nobody signed in: no form.
    expect(decode((await t.app.inject({ url: `/anskaffelser/${open}` })).body)).not.toContain(`action="/anskaffelser/${open}/sporsmal"`);
    const empty = decode(expectHtmlPage(await form('lise', `/anskaffelser/${open}/sporsmal`, { agency: LOTTSTIFT, question: '  ' }), 'nb', 400));
    expect(empty).toMatch(/href="#ask-question"/);
    expect(empty).toContain('Skriv spørsmålet eller svaret');
    const asked = await form('lise', `/anskaffelser/${open}/sporsmal`, { agency: LOTTSTIFT, question: 'Gjelder avtalen også leie av lokaler for kurs?' });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe(`/anskaffelser/${open}?ok=question_sent#questions`);
    // The provider sees it, and who asked, with an answer form.
    const siri = decode(expectHtmlPage(await t.app.inject({ url: `/anskaffelser/${open}`, headers: { cookie: headers.siri.cookie! } }), 'nb'));
    expect(siri).toContain('Gjelder avtalen også leie av lokaler for kurs?');
    expect(siri).toContain('Lotteri- og stiftelsestilsynet');
    const qid = /\/sporsmal\/([0-9a-f-]{36})\/svar/.exec(siri)![1]!;
    expect((await form('siri', `/anskaffelser/${open}/sporsmal/${qid}/svar`, { answer: '' })).statusCode).toBe(400);
    const answered = await form('siri', `/anskaffelser/${open}/sporsmal/${qid}/svar`, { answer: 'Nei, bare reiser og overnatting.' });
    expect(answered.statusCode).toBe(303);
    const pub = decode(expectHtmlPage(await t.app.inject({ url: `/en/anskaffelser/${open}` }), 'en'));
    expect(pub).toContain('Nei, bare reiser og overnatting.');
    expect(pub).not.toContain('Lotteri- og stiftelsestilsynet');
    // Another agency's editor cannot answer.
    expect((await form('lise', `/anskaffelser/${open}/sporsmal/${qid}/svar`, { answer: 'x' })).statusCode).toBe(403);
  });
});
