import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, type RunningPortal, startPortal, watchForeignRequests, type TestBrowser } from '../support/browser.js';
import { createAgency, createArea, createProvider, createService, createTier } from '../support/factories.js';
import { signedIn, type TestSession } from '../support/sessions.js';

/** The open-data page and the customer-list upload in a real browser: WCAG 2.1 AA (axe), no third-party requests. */
describe('open-data and upload pages in Chromium', () => {
  let portal: RunningPortal;
  let browser: TestBrowser;
  let orgnr = '';
  let kari: TestSession;

  beforeAll(async () => {
    portal = await startPortal('pglite', { seed: 'empty' });
    const db = portal.database.db;
    const area = await createArea(db);
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' } });
    kari = await signedIn(db, [{ role: 'provider_editor', providerId: dfo.id }], { email: 'kari@dfo.no' });
    const lonn = await createService(db, { slug: 'lonn', providerId: dfo.id, areaSlug: area.slug });
    await createTier(db, { serviceId: lonn.id, slug: 'basis' });
    orgnr = (await createAgency(db)).orgnr;
    browser = await useBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('the open-data page passes axe', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign = watchForeignRequests(page, portal.url);
    await page.goto(`${portal.url}/apne-data`);
    expect(await page.locator('h1').textContent()).toBe('Åpne data');
    await expectNoAxeViolations(page);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('uploads a customer list, previews it and confirms it, each step passing axe', async () => {
    const context = await browser.newContext();
    // Signed in as the provider's editor (the sign-in flow itself is tested in procurementFlow.test.ts).
    await context.addCookies([{ name: 'ft_session', value: kari.token, url: portal.url }]);
    const page = await context.newPage();
    await page.goto(`${portal.url}/leverandorer/dfo/kundeliste`);
    await expectNoAxeViolations(page, 'upload form');
    await page.setInputFiles('#usage-file', {
      name: 'kunder.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`organisasjonsnummer;tjeneste;tjenestemodell;fra\r\n${orgnr};lonn;basis;01.02.2024\r\n99999999;lonn;basis;2024-02-01\r\n`),
    });
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.waitForSelector('#preview-heading');
    expect(await page.content()).toContain('Organisasjonsnummeret må ha 9 sifre.');
    await expectNoAxeViolations(page, 'preview with errors');
    await page.setInputFiles('#usage-file', { name: 'kunder.csv', mimeType: 'text/csv', buffer: Buffer.from(`orgnr;tjeneste;tjenestemodell;fra\n${orgnr};lonn;basis;2024-02-01\n`) });
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await page.getByRole('button', { name: 'Bekreft og lagre' }).click();
    await page.waitForSelector('text=Kundelisten er lagret: 1 endring.');
    await expectNoAxeViolations(page, 'applied');
    await context.close();
  });
});
