/**
 * Authorization for the report lane's second round (issue 17): early involvement before a procurement and the
 * questions form on the procurement page, as a matrix over HTTP with real sessions and CSRF tokens, on both engines.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect } from 'vitest';
import { services, subscriptions, surveys } from '../../src/db/schema/index.js';
import { osloDate } from '../../src/domain/osloTime.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, useDemoSessions, formPoster, matrix, type Who } from '../support/sessions.js';
import { useDemoConsultation } from '../support/factories.js';

const LOTTSTIFT = '982391490'; // Lise's agency
const VALG = '916132727'; // one of Per's agencies

describe.each(testEngines())('authorization of the report lane, second round, on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const today = osloDate(new Date());
  const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
  const call = caller(() => t, () => headers);
  const form = formPoster(() => t, () => headers);
  /** A fresh planned procurement of Statens innkjøpssenter (Siri's provider), made by the administrator. */
  const fresh = async () => {
    const res = await call('anne', 'POST', '/api/v1/procurements', { provider: 'statens-innkjopssenter', title: 'Matrise tidlig involvering', category: 'Test', description: 'For tilgangstesten.', obligation: 'mandatory' });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const council = { kind: 'council_recommendation', decidedOn: today, outcome: 'recommended', documentTitle: 'Referat', documentRef: 'SIR 1/2026' };

  describe('early involvement', () => {
    matrix('start the needs survey (the provider running it and the administrator)', { anonymous: 401, lise: 403, per: 403, siri: 201, dag: 403, mona: 403, anne: 201 }, async (w) =>
      call(w, 'POST', `/api/v1/procurements/${await fresh()}/needs-survey`, { opensOn: today, closesOn: inDays(14) }),
    );
    matrix('record Statens innkjøpsråd’s recommendation (the provider running it and the administrator)', { anonymous: 401, lise: 403, per: 403, siri: 201, dag: 403, mona: 403, anne: 201 }, async (w) =>
      call(w, 'POST', `/api/v1/procurements/${await fresh()}/early-milestones`, council),
    );
    matrix('record DFØ’s decision (only DFØ’s administrators)', { anonymous: 401, lise: 403, per: 403, siri: 403, dag: 403, mona: 403, anne: 201 }, async (w) => {
      const id = await fresh();
      expect((await call('anne', 'POST', `/api/v1/procurements/${id}/early-milestones`, council)).statusCode).toBe(201);
      return call(w, 'POST', `/api/v1/procurements/${id}/early-milestones`, { kind: 'decision', decidedOn: today, outcome: 'proceed', documentTitle: 'Beslutning', documentUrl: 'https://dfo.no/beslutning' });
    });
    matrix('read early involvement', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, async (w) => call(w, 'GET', `/api/v1/procurements/${await fresh()}/early-involvement`));
    // 2xx as 200: a first answer is 201, a changed one 200 (the demo data may have answered for the agency already).
    matrix('answer the needs survey for one’s own agency', { anonymous: 401, lise: 200, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, async (w) => {
      const [demo] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.template, 'behovskartlegging-anskaffelse'));
      const agency = w === 'per' ? VALG : LOTTSTIFT;
      const res = await call(w, 'PUT', `/api/v1/surveys/${demo!.id}/responses/${agency}`, { answers: { need: 'yes', current_arrangement: 'in_house' } });
      return res.statusCode >= 200 && res.statusCode < 300 ? { statusCode: 200 } : res;
    });
    matrix('start the needs survey by form', { anonymous: 401, lise: 403, per: 403, siri: 303, dag: 403, mona: 403, anne: 303 }, async (w) =>
      form(w, `/anskaffelser/${await fresh()}/behovskartlegging`, { opensOn: today, closesOn: inDays(7) }),
    );
    matrix('record by form', { anonymous: 401, lise: 403, per: 403, siri: 303, dag: 403, mona: 403, anne: 303 }, async (w) => form(w, `/anskaffelser/${await fresh()}/tidlig-involvering`, council));
  });

  describe('questions on the procurement page', () => {
    const open = useDemoConsultation(t);
    const asker: Partial<Record<Who, string>> = { lise: LOTTSTIFT, per: VALG, anne: LOTTSTIFT };
    matrix('ask by form for one’s own agency', { anonymous: 401, lise: 303, per: 303, siri: 403, dag: 403, mona: 403, anne: 303 }, (w) =>
      form(w, `/anskaffelser/${open()}/sporsmal`, { agency: asker[w] ?? LOTTSTIFT, question: `Spørsmål i skjema fra ${w}` }),
    );
    matrix('answer by form (the provider running it and the administrator)', { anonymous: 401, lise: 403, per: 403, siri: 303, dag: 403, mona: 403, anne: 303 }, async (w) => {
      const list = (await call('anne', 'GET', `/api/v1/procurements/${open()}/questions`)).json() as { items: { id: string }[] };
      return form(w, `/anskaffelser/${open()}/sporsmal/${list.items[0]!.id}/svar`, { answer: `Svar i skjema fra ${w}` });
    });
  });

  describe('baselines per agency', () => {
    // Agencies using DFØ payroll: Lise's, one of Per's; the administrator records for Lise's too.
    const whose: Partial<Record<Who, string>> = { lise: LOTTSTIFT, per: VALG, anne: LOTTSTIFT };
    let service = '';
    beforeAll(async () => {
      const usedBy = async (orgnr: string) =>
        (await t.database.db.select({ slug: services.slug }).from(subscriptions).innerJoin(services, eq(services.id, subscriptions.serviceId)).where(and(eq(subscriptions.agencyOrgnr, orgnr), isNull(subscriptions.endedOn)))).map((r) => r.slug);
      const per = new Set(await usedBy(VALG));
      service = (await usedBy(LOTTSTIFT)).filter((x) => per.has(x)).sort()[0]!;
    });
    matrix('record a baseline for one’s own agency (2xx as 200)', { anonymous: 401, lise: 200, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, async (w) => {
      const res = await call(w, 'PUT', `/api/v1/services/${service}/baselines/${whose[w] ?? LOTTSTIFT}`, { period: '2024', ftes: 2 });
      return res.statusCode === 201 ? { statusCode: 200 } : res;
    });
    matrix('record a result for one’s own agency', { anonymous: 401, lise: 200, per: 200, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) =>
      call(w, 'PUT', `/api/v1/services/${service}/baselines/${whose[w] ?? LOTTSTIFT}/result`, { period: '2025', ftes: 1 }),
    );
    matrix('read one’s own agency’s figures', { anonymous: 401, lise: 200, per: 403, siri: 403, dag: 403, mona: 403, anne: 200 }, (w) => call(w, 'GET', `/api/v1/services/${service}/baselines/${LOTTSTIFT}`));
    matrix('read the sums', { anonymous: 200, lise: 200, per: 200, siri: 200, dag: 200, mona: 200, anne: 200 }, (w) => call(w, 'GET', `/api/v1/services/${service}/baselines`));
    matrix('record a baseline by form', { anonymous: 401, lise: 303, per: 303, siri: 403, dag: 403, mona: 403, anne: 303 }, (w) =>
      form(w, `/tjenester/${service}/utgangspunkt/${whose[w] ?? LOTTSTIFT}`, { period: '2024', ftes: '2,5' }),
    );
  });
});
