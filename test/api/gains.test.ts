import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { decode, expectHtmlPage, expectProblem, inLanguages } from '../support/expectations.js';
import { caller, demoSessions, formPoster, type Who } from '../support/sessions.js';

/** Costs and gains: baselines and results per service, in the API and as a chart on the service's page. */
describe.each(testEngines())('costs and gains on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const post = formPoster(() => t, () => headers);
  const indicator = { name: 'Timer per bilag', unit: 'hours', betterWhen: 'lower', baselineValue: '0,5', baselinePeriod: '2018', baselineDescription: 'Timer brukt per bilag før tjenesten.', source: 'Tidsregistrering hos 12 kunder', method: 'Timer delt på antall bilag.' };
  let id = '';

  beforeAll(async () => {
    headers = await demoSessions(t.database.db);
  });

  it('gives a service’s indicators with their change from the baseline', async () => {
    const g = (await call('anonymous', 'GET', '/api/v1/services/dfo-lonn/gains')).json();
    const cost = g.indicators.find((i: { name: string }) => i.name === 'Kostnad per lønnsslipp');
    expect(cost).toMatchObject({ unit: 'nok', unitLabel: 'kroner', betterWhen: 'lower', baseline: { value: 112, period: '2016' }, factSource: 'illustrative' });
    expect(cost.measurements.map((m: { period: string }) => m.period)).toEqual(['2018', '2020', '2022', '2024']);
    expect(cost.latest).toMatchObject({ period: '2024', value: 81, change: -31, ratio: -0.2768, gain: true });
    expect((await call('anonymous', 'GET', '/api/v1/services/dfo-lonn/gains?lang=en')).json().indicators[0].name).toBe('Cost per payslip');
    expectProblem(await call('anonymous', 'GET', '/api/v1/services/finnes-ikke/gains'), 404, /finnes-ikke/);
  });

  it('refuses a bad indicator with every problem named', async () => {
    const body = expectProblem(
      await call('dag', 'POST', '/api/v1/services/dfo-regnskap/gains', { ...indicator, name: 'X', baselineValue: 'mye', baselinePeriod: 'i fjor', source: '', method: '' }),
      400,
      /Skriv hva som måles/,
    );
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['baselinePeriod', 'baselineValue', 'method', 'name', 'source']);
  });

  it('adds an indicator and records, corrects and removes results, each in one audit event', async () => {
    const created = await call('dag', 'POST', '/api/v1/services/dfo-regnskap/gains', indicator);
    expect(created.statusCode).toBe(201);
    const ind = created.json().indicators.find((i: { name: string }) => i.name === 'Timer per bilag');
    id = ind.id;
    expect(ind.baseline).toMatchObject({ value: 0.5, period: '2018' });
    const put = (period: string, body: Record<string, unknown>) => call('dag', 'PUT', `/api/v1/services/dfo-regnskap/gains/${id}/measurements/${period}`, body);
    expectProblem(await put('2017', { value: 1 }), 400, /ikke være før nullpunktet \(2018\)/);
    expectProblem(await put('2021-13', { value: 1 }), 400, /år, måned eller dato/);
    expectProblem(await put('2021', { value: 'litt' }), 400, /Skriv et tall/);
    expect((await put('2021', { value: '0,3' })).statusCode).toBe(201);
    expect((await put('2023-06', { value: 0.2, note: 'Etter automatisering' })).statusCode).toBe(201);
    expect((await put('2021', { value: '0,3' })).statusCode).toBe(200);
    const corrected = await put('2021', { value: '0,35' });
    const latest = corrected.json().indicators.find((i: { id: string }) => i.id === id);
    expect(latest.measurements.map((m: { period: string; value: number }) => [m.period, m.value])).toEqual([
      ['2021', 0.35],
      ['2023-06', 0.2],
    ]);
    expect(latest.latest).toMatchObject({ change: -0.3, ratio: -0.6, gain: true, note: 'Etter automatisering' });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual(['gain.create', 'gain.record', 'gain.record', 'gain.correct']);
    expect(events[3]).toMatchObject({ before: { period: '2021', value: 0.3, note: null }, after: { period: '2021', value: 0.35, note: null }, actingRole: 'provider_editor' });
    expect((await call('dag', 'DELETE', `/api/v1/services/dfo-regnskap/gains/${id}/measurements/2023-06`)).statusCode).toBe(200);
    expectProblem(await call('dag', 'DELETE', `/api/v1/services/dfo-regnskap/gains/${id}/measurements/2023-06`), 404, /ikke registrert noe resultat for 2023-06/);
    expectProblem(await call('dag', 'PUT', `/api/v1/services/dfo-lonn/gains/${id}/measurements/2021`, { value: 1 }), 404, /finner ikke måltallet/);
  });

  it('shows the indicators as charts with a summary and a table on the service page, changed at once', async () => {
    const before = await t.app.inject({ url: '/tjenester/dfo-regnskap' });
    const html = decode(expectHtmlPage(before, 'nb'));
    expect(html).toMatch(/<figure class="chart chart--stacked" id="gain-[^"]+">/);
    expect(html).toMatch(/<svg class="chart__svg"[^>]*role="img"[^>]*aria-labelledby="gain-[^"]+-title"/);
    expect(html).toMatch(/Fra 0,5 timer i 2018 \(nullpunkt\) til 0,35 timer i 2021: 30\s%\slavere, en gevinst\./);
    expect(html).toContain(`<caption id="table-gevinst-${id}-caption">Timer per bilag: nullpunkt og resultater</caption>`);
    await call('dag', 'PUT', `/api/v1/services/dfo-regnskap/gains/${id}/measurements/2025`, { value: 0.25 });
    const after = decode((await t.app.inject({ url: '/tjenester/dfo-regnskap' })).body);
    expect(after).toMatch(/til 0,25 timer i 2025: 50\s%\slavere/);
    for (const [lang, url] of inLanguages('/tjenester/dfo-regnskap')) expect(expectHtmlPage(await t.app.inject({ url }), lang)).toContain(lang === 'en' ? 'Costs and gains' : lang === 'nn' ? 'Kostnader og gevinstar' : 'Kostnader og gevinster');
  });

  it('downloads each chart’s table as CSV and XLSX, linked from the service’s page', async () => {
    const html = decode((await t.app.inject({ url: '/tjenester/dfo-regnskap' })).body);
    for (const format of ['csv', 'xlsx']) expect(html).toContain(`href="/tjenester/dfo-regnskap/tabeller/gevinst-${id}.${format}"`);
    const csv = await t.app.inject({ url: `/tjenester/dfo-regnskap/tabeller/gevinst-${id}.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="gevinster-dfo-regnskap-timer-per-bilag.csv"');
    expect(csv.body).toBe('\ufeffPeriode;Verdi (timer);Endring fra nullpunktet;Endring i prosent (%)\r\n2018 (nullpunkt);0,5;;\r\n2021;0,35;-0,15;-30\r\n2025;0,25;-0,25;-50\r\n');
    const en = await t.app.inject({ url: `/en/tjenester/dfo-regnskap/tabeller/gevinst-${id}.csv` });
    expect(en.body.split('\r\n')[2]).toBe('2021,0.35,-0.15,-30');
    const xlsx = await t.app.inject({ url: `/tjenester/dfo-regnskap/tabeller/gevinst-${id}.xlsx` });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0]!.getRow(3).values).toEqual([undefined, '2021', 0.35, -0.15, -0.3]);
    expect((await t.app.inject({ url: '/tjenester/dfo-regnskap/tabeller/gevinst-finnes-ikke.csv' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/tjenester/dfo-regnskap/tabeller/gevinst-${id}.pdf` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/tjenester/finnes-ikke/tabeller/gevinst-${id}.csv` })).statusCode).toBe(404);
  });

  it('records through the provider’s page, with the form’s errors', async () => {
    const bad = await post('dag', `/tjenester/dfo-regnskap/gevinster/${id}/resultat`, { period: '1999', value: 'x' });
    const html = decode(expectHtmlPage(bad, 'nb', 400));
    expect(html).toContain('Perioden kan ikke være før nullpunktet (2018).');
    expect(html).toContain(`href="#record-${id}-period"`);
    expect((await post('dag', `/tjenester/dfo-regnskap/gevinster/${id}/resultat`, { period: '2026', value: '0,2' })).headers.location).toBe(`/tjenester/dfo-regnskap/gevinster?ok=recorded#record-${id}`);
    expect((await post('dag', '/tjenester/dfo-regnskap/gevinster', { ...indicator, name: '' })).statusCode).toBe(400);
    for (const [lang, url] of inLanguages('/tjenester/dfo-regnskap/gevinster')) expectHtmlPage(await t.app.inject({ url, headers: { cookie: headers.dag.cookie! } }), lang);
  });
});
