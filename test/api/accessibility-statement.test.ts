import { describe, expect, it } from 'vitest';
import { messages } from '../../src/web/i18n/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectHtmlPage, inLanguages } from '../support/expectations.js';

describe.each(testEngines())('the accessibility statement on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'empty', env: { ACCESSIBILITY_CONTACT: 'uu@fellestjenester.example' } });

  it.each(inLanguages('/tilgjengelighet'))('follows Uutilsynet’s model in %s: status, deviations, feedback channel, complaint, dates', async (lang, path) => {
    const body = expectHtmlPage(await t.app.inject({ url: path }), lang);
    const a = messages[lang].accessibility;
    for (const heading of [a.statusHeading, a.deviationsHeading, a.testedHeading, a.feedbackHeading, a.datesHeading]) expect(body).toContain(`>${heading}</h2>`);
    expect(body).toContain('WCAG 2.1');
    for (const d of a.deviations) expect(body).toContain(d);
    expect(body).toContain('href="mailto:uu@fellestjenester.example"');
    expect(body).toContain('href="https://www.uutilsynet.no/"');
    expect(body).toMatch(lang === 'en' ? /created on 28 November 2026/ : /28\. november 2026/);
  });

  it.each(inLanguages('/'))('is linked from the footer (%s)', async (lang, path) => {
    const res = await t.app.inject({ url: path });
    const footer = /<footer[\s\S]*<\/footer>/.exec(res.body)?.[0] ?? '';
    const href = lang === 'nb' ? '/tilgjengelighet' : `/${lang}/tilgjengelighet`;
    expect(footer).toContain(`href="${href}"`);
    expect(footer).toContain(messages[lang].site.footerAccessibility);
  });

  it('refuses a contact that is not an e-mail address at start-up', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(() => loadConfig({ ACCESSIBILITY_CONTACT: 'javascript:alert(1)' })).toThrow(/ACCESSIBILITY_CONTACT/);
  });
});
