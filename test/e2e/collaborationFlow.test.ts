import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { osloDate } from '../../src/domain/osloTime.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { useSignInFlow } from '../support/signIn.js';

const LOTTSTIFT = '982391490';
const text = async (l: Locator) => ((await l.first().textContent({ timeout: 10_000 })) ?? '').replace(/\s+/g, ' ').trim();

/**
 * Collaboration and involvement in Chromium, through the real OIDC login: an agency joins a network, registers a
 * need and meets agencies with the same need; a provider runs a survey the agency answers, and sees the results,
 * which the public sees only once it has closed and only with 5 or more answers; the agency proposes an improvement,
 * another agency supports it, the provider answers; the provider records a baseline and a result, shown as a chart.
 * axe on every page on the way, in bokmål and English; keyboard alone for the main actions.
 */
describe(`collaboration and involvement in the browser on ${browserEngine()}`, () => {
  const engine = browserEngine();
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const pages: Record<string, Page> = {};
  const flow = useSignInFlow(engine, { clock });
  const { as, foreign } = flow;
  const axe = async (page: Page, label: string) => expectNoAxeViolations(page, label);
  const visit = async (page: Page, path: string) => {
    await page.goto(flow.portal.url + path);
    await axe(page, path);
  };
  /** Presses a button by keyboard: focus it and press Enter. */
  const press = async (button: Locator) => {
    await button.focus();
    await button.press('Enter');
  };

  beforeAll(async () => {
    pages.lise = await as('Lise Berg');
    pages.dag = await as('Dag Olsen');
    pages.per = await as('Per Hansen');
  });

  it('joins a network and leaves it again, after finding it without JavaScript', { timeout: 180_000 }, async () => {
    // The public list and its filter work without JavaScript.
    const noJs = await (await flow.browser.newContext({ javaScriptEnabled: false })).newPage();
    await noJs.goto(flow.portal.url + '/samarbeid');
    await noJs.getByRole('link', { name: 'Nettverk og samarbeid' }).click();
    await noJs.getByLabel('Fylke').selectOption('Vestland');
    await noJs.getByRole('button', { name: 'Vis' }).click();
    await noJs.waitForURL(/county=Vestland/);
    // Three networks in Vestland since the demo data has the Statens hus pilot in Stad beside Førde's.
    expect(await text(noJs.locator('.result-count'))).toContain('3 nettverk');
    await noJs.context().close();

    const lise = pages.lise!;
    for (const path of ['/samarbeid', '/nettverk', '/nettverk?county=Vestland', '/nettverk/statens-hus-forde']) await visit(lise, path);
    await press(lise.getByRole('button', { name: 'Meld Lotteri- og stiftelsestilsynet inn' }));
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Virksomheten er meldt inn.');
    expect(await text(lise.locator('#members'))).toContain('Lotteri- og stiftelsestilsynet');
    await axe(lise, 'network after joining');
    await press(lise.getByRole('button', { name: 'Meld Lotteri- og stiftelsestilsynet ut' }));
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Virksomheten er meldt ut.');
    for (const path of ['/en/samarbeid', '/en/nettverk', '/en/nettverk/statens-hus-forde']) await visit(lise, path);
    // The facilitator's editor changes the network through its form.
    const dag = pages.dag!;
    await visit(dag, '/nettverk/nettverket-for-administrasjonssjefer/rediger');
    await dag.getByLabel('Møtested', { exact: true }).fill('DFØ, Oslo');
    await dag.getByRole('button', { name: 'Lagre endringene' }).click();
    await expect.poll(() => text(dag.getByRole('status'))).toBe('Endringene er lagret.');
    await visit(dag, '/nettverk/ny');
    await visit(dag, '/en/nettverk/ny');
  });

  it('registers a need and meets agencies with the same need, ranked', { timeout: 180_000 }, async () => {
    const lise = pages.lise!;
    await visit(lise, '/behov');
    await lise.getByRole('link', { name: 'Registrer et behov' }).first().click();
    await axe(lise, 'new need');
    await lise.getByRole('button', { name: 'Registrer behovet' }).click();
    await expect.poll(() => text(lise.getByRole('alert'))).toContain('Velg et tjenesteområde.');
    await axe(lise, 'new need with errors');
    await lise.getByLabel('Tjenesteområde').selectOption('arkiv-og-dokumentforvaltning');
    await lise.getByLabel('Kort beskrivelse').fill('Driftsstøtte for arkivsystemet');
    await lise.getByLabel('Mer om behovet').fill('Vi trenger noen som drifter sak- og arkivsystemet for oss.');
    await lise.getByLabel('Haster – vi trenger hjelp nå').check();
    await press(lise.getByRole('button', { name: 'Registrer behovet' }));
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Behovet er registrert.');
    await axe(lise, 'need with matches');
    const first = lise.locator('#similar li').first();
    expect(await text(first)).toContain('Norsk senter for utvekslingssamarbeid');
    expect(await text(first)).toContain('Likhet 50 av 100: samme kommune, nesten samme størrelse');
    expect(await text(lise.locator('#networks'))).toContain('Arkivfaglig nettverk');
    const needPath = new URL(lise.url()).pathname;
    await visit(lise, `/en${needPath}`);
    expect(await text(lise.locator('#similar li').first())).toContain('Similarity 50 of 100: same municipality, nearly the same size');
    // Mark it met through the network.
    await lise.goto(flow.portal.url + needPath);
    await lise.getByLabel('Dekket', { exact: true }).check();
    await lise.getByLabel('Dekket gjennom nettverket').selectOption('arkivfaglig-nettverk');
    await lise.getByRole('button', { name: 'Lagre status' }).click();
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Behovet er markert som dekket.');
    // The provider sees the needs in the aggregate.
    for (const path of ['/behov/samlet', '/en/behov/samlet']) await visit(pages.dag!, path);
    expect(await text(pages.dag!.getByRole('table'))).toContain('Archive and document management');
  });

  it('runs a survey: the provider creates it, the agency answers, results are public only after closing and with 5 answers', { timeout: 240_000 }, async () => {
    const dag = pages.dag!;
    const lise = pages.lise!;
    await visit(dag, '/undersokelser');
    await dag.getByRole('link', { name: 'Ny undersøkelse' }).click();
    await axe(dag, 'new survey');
    await dag.getByLabel('Tittel', { exact: true }).fill('Brukerundersøkelse regnskap, test');
    await dag.getByLabel('Regnskapstjenester', { exact: true }).check();
    await dag.getByLabel('Åpner').fill(osloDate(clock()));
    await dag.getByLabel('Siste svardag').fill(osloDate(new Date(clock().getTime() + 86400_000)));
    await dag.getByText(/Egne spørsmål \(valgfritt/).click();
    await dag.getByLabel('Spørsmål', { exact: true }).first().fill('Hvor fornøyd er dere med fakturaflyten?');
    await press(dag.getByRole('button', { name: 'Opprett undersøkelsen' }));
    await expect.poll(() => text(dag.getByRole('status'))).toBe('Undersøkelsen er opprettet.');
    await axe(dag, 'survey page, provider');
    const surveyPath = new URL(dag.url()).pathname;

    // The agency finds it on Min side and answers; a missing required answer is named first.
    await visit(lise, '/min-side');
    await lise.getByRole('link', { name: 'Brukerundersøkelse regnskap, test' }).click();
    await axe(lise, 'answer form');
    await lise.getByRole('button', { name: 'Send svaret' }).click();
    await expect.poll(() => text(lise.getByRole('alert'))).toContain('«Hvor fornøyd er dere med tjenesten alt i alt?» må fylles ut.');
    await axe(lise, 'answer form with errors');
    await lise.locator('#q-satisfaction').getByLabel('4').check();
    await lise.locator('#q-custom_1').getByLabel('5 – Svært fornøyd').check();
    await lise.getByLabel('Kommentar til leverandøren').fill('Fakturaflyten er mye bedre enn før.');
    await press(lise.getByRole('button', { name: 'Send svaret' }));
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Svaret er registrert. Takk!');
    await visit(lise, `/en${surveyPath}/svar?virksomhet=${LOTTSTIFT}`);

    // The provider sees it at once, with the comment but not the agency's name; the public sees nothing yet.
    await dag.goto(flow.portal.url + surveyPath);
    expect(await text(dag.locator('#results'))).toContain('1 virksomhet har svart. ');
    expect(await text(dag.locator('#results'))).toContain('Fakturaflyten er mye bedre enn før.');
    expect(await text(dag.locator('#results'))).not.toContain('Lotteri- og stiftelsestilsynet');
    await axe(dag, 'survey results, provider');
    const anonymous = await (await flow.browser.newContext()).newPage();
    await anonymous.goto(flow.portal.url + surveyPath);
    expect(await text(anonymous.locator('#results'))).toContain('Resultatene blir offentlige når undersøkelsen er avsluttet');

    // Two days later the survey has closed: the answer cannot change, and one answer is fewer than 5.
    offset = 2 * 86400_000;
    try {
      await lise.goto(flow.portal.url + `${surveyPath}/svar?virksomhet=${LOTTSTIFT}`);
      expect(await lise.getByRole('button', { name: /Send svaret|Lagre endringen/ }).count()).toBe(0);
      await anonymous.goto(flow.portal.url + '/tjenester/dfo-regnskap');
      expect(await text(anonymous.locator('#satisfaction'))).toContain('Færre enn 5 virksomheter har svart. For å verne anonymiteten vises ikke resultatene.');
      await axe(anonymous, 'service page after closing');
      // The demo payroll survey, closed with 48 answers, shows its results with hidden groups.
      await anonymous.goto(flow.portal.url + '/tjenester/dfo-lonn');
      expect(await text(anonymous.locator('#satisfaction'))).toContain('48 virksomheter har svart.');
      expect(await text(anonymous.locator('#satisfaction'))).toContain('Skjult for å verne anonymiteten');
      await axe(anonymous, 'service page with survey results');
      for (const path of ['/en/tjenester/dfo-lonn', `/en${surveyPath}`, '/en/undersokelser']) await visit(anonymous, path);
    } finally {
      offset = 0;
    }
  });

  it('proposes an improvement, another agency supports it, the provider answers', { timeout: 180_000 }, async () => {
    const lise = pages.lise!;
    const per = pages.per!;
    const dag = pages.dag!;
    await lise.goto(flow.portal.url + '/tjenester/dfo-regnskap');
    await lise.getByRole('link', { name: 'Foreslå en forbedring' }).click();
    await axe(lise, 'new idea');
    await lise.getByLabel('Forslaget i én setning').fill('Varsel når en faktura har ligget ubehandlet i en uke');
    await lise.getByLabel('Beskrivelse').fill('Vi ønsker et varsel til attestanten når en faktura har ligget ubehandlet i en uke.');
    await press(lise.getByRole('button', { name: 'Send forslaget' }));
    await expect.poll(() => text(lise.getByRole('status'))).toBe('Forslaget er sendt. Virksomheten deres støtter det.');
    await axe(lise, 'idea page');
    const ideaPath = new URL(lise.url()).pathname;

    await per.goto(flow.portal.url + ideaPath);
    await press(per.getByRole('button', { name: 'Støtt for Valgdirektoratet' }));
    await expect.poll(() => text(per.getByRole('status'))).toBe('Støtten er registrert.');
    expect(await text(per.locator('#votes-heading'))).toBe('2 virksomheter støtter');
    await per.getByLabel('Kommenter som').selectOption({ label: 'Valgdirektoratet' });
    await per.getByLabel('Kommentar', { exact: true }).fill('Det trenger vi også.');
    await press(per.getByRole('button', { name: 'Send kommentaren' }));
    await expect.poll(() => text(per.getByRole('status'))).toBe('Kommentaren er publisert.');
    await axe(per, 'idea after vote and comment');

    await dag.goto(flow.portal.url + ideaPath);
    await dag.getByLabel('Status', { exact: true }).selectOption('declined');
    await dag.getByRole('button', { name: 'Lagre svaret' }).click();
    await expect.poll(() => text(dag.getByRole('alert'))).toContain('Skriv hvorfor forslaget avslås.');
    await axe(dag, 'idea answer with error');
    await dag.getByLabel('Status', { exact: true }).selectOption('planned');
    await dag.getByLabel('Svar til virksomhetene').fill('Vi legger inn varselet i neste versjon.');
    await press(dag.getByRole('button', { name: 'Lagre svaret' }));
    await expect.poll(() => text(dag.getByRole('status'))).toBe('Statusen er endret.');
    await lise.goto(flow.portal.url + ideaPath);
    expect(await text(lise.locator('#history'))).toContain('Vi legger inn varselet i neste versjon.');
    for (const path of ['/ideer', `/en${ideaPath}`, '/en/ideer']) await visit(lise, path);
  });

  it('records a baseline and a result, shown as a chart on the service page', { timeout: 180_000 }, async () => {
    const dag = pages.dag!;
    await dag.goto(flow.portal.url + '/tjenester/dfo-regnskap');
    await dag.getByRole('link', { name: 'Registrer nullpunkt og resultater' }).click();
    await axe(dag, 'gains page');
    const form = dag.locator('#new-form');
    await form.getByLabel('Hva måles?').fill('Timer per bilag');
    await form.getByLabel('Enhet').selectOption('hours');
    await form.getByLabel('Nullpunkt (verdi før)').fill('0,5');
    await form.getByLabel('Når ble nullpunktet målt?').fill('2018');
    await form.getByLabel('Hva viser nullpunktet?').fill('Timer brukt per bilag før tjenesten.');
    await form.getByLabel('Kilde').fill('Tidsregistrering hos 12 kunder');
    await form.getByLabel('Metode').fill('Timer delt på antall bilag.');
    await press(form.getByRole('button', { name: 'Legg til måltallet' }));
    await expect.poll(() => text(dag.getByRole('status'))).toBe('Måltallet er lagt til.');
    const record = dag.locator('.action-card').filter({ hasText: 'Registrer et resultat' }).first();
    await record.getByLabel('Periode').fill('2024');
    await record.getByLabel(/^Verdi/).fill('0,3');
    await press(record.getByRole('button', { name: 'Lagre resultatet' }));
    await expect.poll(() => text(dag.getByRole('status'))).toBe('Resultatet er lagret.');
    await axe(dag, 'gains page after recording');
    await visit(dag, '/en/tjenester/dfo-regnskap/gevinster');
    const anonymous = await (await flow.browser.newContext()).newPage();
    await anonymous.goto(flow.portal.url + '/tjenester/dfo-regnskap');
    const chart = anonymous.locator('figure.chart').filter({ hasText: 'Timer per bilag' });
    expect(await text(chart.locator('figcaption'))).toMatch(/Fra 0,5 timer i 2018 \(nullpunkt\) til 0,3 timer i 2024: 40\s%\slavere, en gevinst\./);
    expect(await chart.getByRole('img').count()).toBe(1);
    // The data table holds the numbers (the unit is in the column heading, so the download has numbers too).
    expect(await text(chart.getByRole('table').locator('thead'))).toContain('Verdi (timer)');
    const result = chart.getByRole('row').filter({ hasText: '2024' }).first();
    expect((await result.locator('th, td').allTextContents()).slice(0, 2).map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['2024', '0,3']);
    await axe(anonymous, 'service page with gains');
    // Only the portal and the identity provider (for sign-in) are ever contacted.
    expect(foreign.filter((u) => !u.startsWith(flow.portal.provider.issuer + '/'))).toEqual([]);
  });
});
