import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { startSmtpServer, useSignInFlow } from '../support/signIn.js';

const textOf = async (l: Locator) => ((await l.first().textContent({ timeout: 10_000 })) ?? '').trim();

/**
 * Following in the browser (issue 13), through the real sign-in and a real SMTP server: an agency editor follows a
 * service with the Følg button, the provider publishes a change, and the follower sees it in /min-side/varsler and
 * gets it by e-mail with a link to the comparison. axe at 0 on the notifications page.
 */
describe(`notifications in the browser on ${browserEngine()}`, () => {
  // The SMTP server starts first (its hook runs before the flow's), and the portal reads its address at start.
  const options = { env: {} as NodeJS.ProcessEnv };
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    options.env.SMTP_URL = smtp.url;
  });
  afterAll(async () => smtp?.close());
  const flow = useSignInFlow(browserEngine(), options);

  it('follow a service, the provider publishes a change, the follower sees it and gets the mail', { timeout: 240_000 }, async () => {
    const url = flow.portal.url;

    // The follower signs in and follows the service with the plain form button.
    const follower = await flow.as('Lise Berg');
    await follower.goto(url + '/tjenester/dfo-lonn');
    await follower.getByRole('button', { name: 'Følg', exact: true }).click();
    await follower.waitForURL(/\/tjenester\/dfo-lonn\?ok=followed/);
    expect(await textOf(follower.locator('.follow-form'))).toContain('Du følger dette.');
    await follower.goto(url + '/min-side/varsler');
    expect(await follower.locator('main').textContent()).toContain('Lønnstjenester');
    await expectNoAxeViolations(follower, 'notifications page, following one service');

    // The provider publishes a change to the service.
    const provider = await flow.as('Dag Olsen');
    await provider.goto(url + '/tjenester/dfo-lonn/rediger');
    await provider.locator('#f-name-en').fill('Payroll Kolibri');
    await provider.getByRole('button', { name: 'Lagre utkastet' }).click();
    await provider.waitForURL(/ok=saved/, { timeout: 30_000 });
    await provider.getByRole('button', { name: 'Publiser' }).click();
    await provider.waitForURL(/\/tjenester\/dfo-lonn\?ok=published/, { timeout: 30_000 });

    // The follower sees it in the portal: the unread count in the header and the notice in the list.
    await expect
      .poll(
        async () => {
          await follower.goto(url + '/min-side/varsler');
          return (await follower.locator('main').textContent()) ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/Lønnstjenester/);
    const list = (await follower.locator('main').textContent()) ?? '';
    expect(list).toContain('Endret: Lønnstjenester');
    expect(await follower.locator('header').textContent()).toMatch(/\d+ uleste? varsel/);
    await expectNoAxeViolations(follower, 'notifications page with an unread notice');
    const link = follower.locator('main a[href*="/tjenester/dfo-lonn/historikk?fra="]');
    expect(await link.count()).toBeGreaterThan(0);

    // And by e-mail, once, with the link to the comparison and the way to unsubscribe.
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes('lise.berg@lottstift.example') && /endret/i.test(m.subject)).length, { timeout: 30_000 }).toBe(1);
    const mail = smtp.mails.find((m) => m.to.includes('lise.berg@lottstift.example') && /endret/i.test(m.subject))!;
    expect(mail.text).toMatch(new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/tjenester/dfo-lonn/historikk\\?fra=\\d+&til=\\d+`));
    expect(mail.text).toContain(`${url}/varsler/avmeld?token=`);
    // The provider who made the change is not told of it.
    expect(smtp.mails.filter((m) => m.to.includes('dag.olsen@dfo.example') && /endret/i.test(m.subject))).toEqual([]);

    // Mark as read: the count goes, the notice stays.
    await follower.getByRole('button', { name: 'Merk alle som lest' }).click();
    await expect.poll(() => textOf(follower.getByRole('status'))).toContain('Varslene er merket som lest.');
    expect(await follower.locator('header').textContent()).not.toMatch(/ulest/);
    await expectNoAxeViolations(follower, 'notifications page, all read');
    expect(flow.foreign).toEqual([]);
  });
  it('reach: the provider sees who a consultation notice will not reach, and DFØ fills in a contact address (axe 0)', { timeout: 240_000 }, async () => {
    const url = flow.portal.url;
    const provider = await flow.as('Siri Aas');
    await provider.goto(url + '/anskaffelser');
    await provider.getByRole('link', { name: 'PC og nettbrett 2027' }).first().click();
    const summary = provider.getByText('Vis virksomhetene som ikke nås');
    await summary.click();
    expect(await textOf(provider.locator('.reach-preview'))).toMatch(/\d+ av \d+ virksomheter avtalen gjelder for, får e-post med fristen\./);
    await expectNoAxeViolations(provider, 'planned procurement with the reach preview open');

    const admin = await flow.as('Anne Vik');
    await admin.goto(url + '/admin/kontaktadresser');
    await expectNoAxeViolations(admin, 'contact addresses');
    const field = admin.locator('main input[type="email"]').first();
    const id = (await field.getAttribute('id'))!;
    await field.fill('ikke en adresse');
    await admin.locator(`#${id}`).locator('xpath=ancestor::form').getByRole('button').click();
    await expect.poll(() => textOf(admin.getByRole('alert'))).toContain('Skriv en gyldig e-postadresse');
    await expectNoAxeViolations(admin, 'contact addresses with an error');
    await admin.locator(`#${id}`).fill('postmottak@eksempel.example');
    await admin.locator(`#${id}`).locator('xpath=ancestor::form').getByRole('button').click();
    await expect.poll(() => textOf(admin.getByRole('status'))).toContain('Kontaktadressen er lagret.');
    // Saved: the agency is reached now, so it has left the list of those no one reaches.
    expect(await admin.locator(`#${id}`).count()).toBe(0);
  });
});
