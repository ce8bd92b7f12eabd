import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOsloLocal } from '../../src/domain/osloTime.js';
import { expectNoAxeViolations, useBrowser, watchForeignRequests, type TestBrowser } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { type SignInPortal, signIn, startPortalWithSignIn, startSmtpServer } from '../support/signIn.js';

const LOTTSTIFT = '982391490';

const textOf = async (l: Locator) => ((await l.first().textContent({ timeout: 10_000 })) ?? '').trim();

/**
 * The whole flow in Chromium, through the real OIDC login (the development provider's form) and a real SMTP
 * server: a provider opens a consultation → the mail arrives → the agency opts out with a reason → the provider
 * sees it and marks follow-up → after the deadline the agency cannot change it. axe on every page on the way.
 */
describe(`procurement flow in the browser on ${browserEngine()}`, () => {
  const engine = browserEngine();
  let portal: SignInPortal;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let browser: TestBrowser;
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    portal = await startPortalWithSignIn(engine, { clock, env: { SMTP_URL: smtp.url } });
    browser = await useBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await smtp?.close();
  });

  it('runs from opening a consultation to a closed window', { timeout: 240_000 }, async () => {
    const url = portal.url;
    const provider = await (await browser.newContext()).newPage();
    const foreign = watchForeignRequests(provider, url);

    // The provider signs in and creates a planned procurement.
    await provider.goto(url + '/logg-inn');
    await expectNoAxeViolations(provider);
    await signIn(provider, url, 'Siri Aas', '');
    await expect.poll(() => textOf(provider.getByRole('heading', { level: 1 }))).toBe('Min side');
    await expectNoAxeViolations(provider);
    await provider.goto(url + '/anskaffelser/ny');
    await expectNoAxeViolations(provider);
    await provider.getByRole('button', { name: 'Opprett anskaffelsen' }).click();
    await expect.poll(() => textOf(provider.getByRole('alert'))).toContain('Navnet må ha minst 3 tegn.');
    await expectNoAxeViolations(provider, 'new procurement with errors');
    await provider.getByLabel('Anskaffelse', { exact: true }).fill('Leiebil 2027');
    await provider.getByLabel('Kategori').fill('Reise');
    await provider.getByLabel('Beskrivelse').fill('Obligatorisk rammeavtale for leiebil i hele landet.');
    await provider.getByRole('button', { name: 'Opprett anskaffelsen' }).click();
    await expect.poll(() => textOf(provider.getByRole('status'))).toBe('Anskaffelsen er opprettet.');
    const procurementUrl = provider.url().split('?')[0]!;
    const id = procurementUrl.split('/').at(-1)!;
    await expectNoAxeViolations(provider, 'planned procurement');

    // Opens the consultation with a deadline a week ahead: every eligible agency is told by e-mail.
    const deadline = toOsloLocal(new Date(clock().getTime() + 7 * 86400_000));
    await provider.getByLabel('Frist', { exact: true }).fill(deadline);
    await provider.getByRole('button', { name: 'Åpne for svar og varsle virksomhetene' }).click();
    await expect.poll(() => textOf(provider.getByRole('status'))).toContain('åpnet for svar');
    await expectNoAxeViolations(provider, 'procurement in consultation');

    await expect.poll(() => smtp.mails.filter((m) => m.to.includes('lise.berg@lottstift.example')).length, { timeout: 20_000 }).toBe(1);
    const mail = smtp.mails.find((m) => m.to.includes('lise.berg@lottstift.example'))!;
    expect(mail.subject).toContain('Leiebil 2027');
    expect(mail.subject).toContain('reservasjonsfrist');
    const link = /Svar her: (\S+)/.exec(mail.text)![1]!;
    expect(link).toBe(`${url}/anskaffelser/${id}/erklaering?virksomhet=${LOTTSTIFT}`);

    // The agency follows the link, signs in, and opts out with a reason ("other" needs details).
    const agency = await (await browser.newContext()).newPage();
    await agency.goto(link);
    await signIn(agency, url, 'Lise Berg', '');
    expect(agency.url()).toBe(link);
    await expectNoAxeViolations(agency, 'declaration form');
    await agency.getByLabel('Annet').check();
    await agency.getByRole('button', { name: 'Send reservasjonen' }).click();
    await expect.poll(() => textOf(agency.getByRole('alert'))).toContain('«Utdyp gjerne» må fylles ut.');
    await expectNoAxeViolations(agency, 'declaration form with errors');
    await agency.getByLabel('Kostnad').check();
    await agency.getByLabel('Utdyp gjerne').fill('=Prisen er for høy for vårt volum');
    await agency.getByRole('button', { name: 'Send reservasjonen' }).click();
    await expect.poll(() => textOf(agency.getByRole('status'))).toBe('Svaret er registrert.');
    await expectNoAxeViolations(agency, 'declaration sent');

    // The provider sees it, with the reason, and marks the follow-up.
    await provider.goto(`${url}/anskaffelser/${id}/erklaeringer`);
    const card = provider.locator(`#agency-${LOTTSTIFT}`);
    await expect.poll(() => textOf(card)).toContain('Lotteri- og stiftelsestilsynet');
    await expect.poll(() => textOf(card)).toContain('Kostnad');
    await expect.poll(() => textOf(provider.getByRole('table', { name: 'Grunn' }))).toContain('Kostnad');
    await expectNoAxeViolations(provider, 'declarations overview');
    await card.getByLabel(/^Oppfølging av/).selectOption('contacted');
    await card.getByLabel('Notat').fill('Ringt, vurderer på nytt');
    await card.getByRole('button', { name: 'Lagre oppfølgingen' }).click();
    await expect.poll(() => textOf(provider.getByRole('status'))).toBe('Oppfølgingen er lagret.');
    await expect.poll(() => provider.locator(`#agency-${LOTTSTIFT}`).getByLabel(/^Oppfølging av/).inputValue()).toBe('contacted');
    const csv = await provider.request.get(`${url}/anskaffelser/${id}/erklaeringer.csv`);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain('Lotteri- og stiftelsestilsynet');
    expect(csvText).toContain("'=Prisen er for høy"); // formula injection neutralised
    expect(csvText).toContain('Kontaktet');

    // The deadline passes: the form is gone and a forced post is refused with a clear message.
    offset = 8 * 86400_000;
    await agency.goto(link);
    expect(await agency.getByRole('button', { name: /Send reservasjonen|Lagre endringen/ }).count()).toBe(0);
    await expect.poll(() => textOf(agency.locator('main'))).toContain('Fristen er ute');
    await expectNoAxeViolations(agency, 'declaration after the deadline');
    const csrf = await agency.locator('input[name=_csrf]').first().inputValue();
    const forced = await agency.request.post(`${url}/anskaffelser/${id}/erklaering`, {
      form: { _csrf: csrf, virksomhet: LOTTSTIFT, q_reason: 'quality' },
      headers: { origin: url },
    });
    expect(forced.status()).toBe(409);
    expect(await forced.text()).toContain('Fristen er ute');
    const api = await agency.request.get(`${url}/api/v1/procurements/${id}/declarations`);
    expect((await api.json()).items[0].answers.reason).toBe('cost');

    // The provider can now announce it; the English pages pass axe too.
    await provider.goto(procurementUrl);
    await provider.getByRole('button', { name: 'Marker som kunngjort' }).click();
    await expect.poll(() => textOf(provider.getByRole('status'))).toContain('kunngjort');
    for (const path of [`/en/anskaffelser/${id}`, `/en/anskaffelser/${id}/erklaeringer`, '/en/anskaffelser', '/en/min-side', '/nn/anskaffelser/' + id]) {
      await provider.goto(url + path);
      await expectNoAxeViolations(provider, path);
    }
    for (const path of [`/en/anskaffelser/${id}/erklaering?virksomhet=${LOTTSTIFT}`, `/min-side/virksomhet/${LOTTSTIFT}`, `/en/min-side/virksomhet/${LOTTSTIFT}`]) {
      await agency.goto(url + path);
      await expectNoAxeViolations(agency, path);
    }
    // Only the portal and the identity provider (for sign-in) are ever contacted.
    expect(foreign.filter((u) => !u.startsWith(portal.provider.issuer + "/"))).toEqual([]);
  });

  it('shows the admin, ministry and log pages without axe violations', { timeout: 120_000 }, async () => {
    const url = portal.url;
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, url, 'Anne Vik');
    for (const path of ['/admin/roller', '/admin/logg', '/en/admin/roller', '/en/admin/logg', '/min-side/departement/972417866']) {
      await admin.goto(url + path);
      expect(admin.url()).toContain(path.split('?')[0]!);
      await expectNoAxeViolations(admin, path);
    }
    await expect.poll(() => textOf(admin.locator('main'))).toContain('Lotteri- og stiftelsestilsynet');
    const ministry = await (await browser.newContext()).newPage();
    await signIn(ministry, url, 'Mona Dahl');
    await ministry.goto(url + '/en/min-side/departement/972417866');
    await expectNoAxeViolations(ministry, 'ministry page in English');
    await expect.poll(() => textOf(ministry.locator('main'))).toContain('Norwegian Gaming and Foundation Authority');
    // Sign-out ends the session: Min side asks for sign-in again.
    await ministry.goto(url + '/min-side');
    await ministry.getByRole('button', { name: 'Logg ut' }).click();
    await ministry.goto(url + '/min-side');
    expect(new URL(ministry.url()).pathname).toBe('/logg-inn');
  });
});
