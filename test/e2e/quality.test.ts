import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/browser.js';
import { browserEngine } from '../support/engines.js';
import { useSignInFlow } from '../support/signIn.js';

/**
 * Data quality in Chromium, through the real OIDC login: DFØ's administrator sees every provider; DFØ's editor opens
 * DFØ's entries in bokmål, nynorsk and English and marks one as reviewed by keyboard alone. axe on every page.
 */
describe(`data quality in the browser on ${browserEngine()}`, () => {
  const engine = browserEngine();
  const flow = useSignInFlow(engine);
  const { as, foreign } = flow;
  const visit = async (page: Page, path: string) => {
    await page.goto(flow.portal.url + path);
    await expectNoAxeViolations(page, path);
  };

  it('DFØ sees every provider; a provider editor marks an entry as reviewed by keyboard', { timeout: 180_000 }, async () => {
    const anne = await as('Anne Vik');
    await visit(anne, '/kvalitet');
    expect(await anne.locator('#table-leverandorer tbody tr').count()).toBeGreaterThan(15);

    const dag = await as('Dag Olsen');
    await visit(dag, '/kvalitet');
    expect(await dag.locator('#table-leverandorer tbody tr').count()).toBe(1);
    for (const path of ['/nn/kvalitet/dfo', '/en/kvalitet/dfo', '/kvalitet/dfo']) await visit(dag, path);

    const entry = dag.locator('#tjeneste-dfo-lonn-utlegg');
    await expect.poll(() => entry.textContent()).toContain('Ikke gjennomgått på 12 måneder');
    const button = entry.getByRole('button', { name: /Merk som gjennomgått/ });
    await button.focus();
    await dag.keyboard.press('Enter');
    await dag.waitForURL(/ok=dfo-lonn-utlegg/);
    await expectNoAxeViolations(dag, 'after marking as reviewed');
    await expect.poll(() => dag.getByRole('status').first().textContent()).toContain('er merket som gjennomgått');
    expect((await dag.locator('#tjeneste-dfo-lonn-utlegg').textContent()) ?? '').not.toContain('Ikke gjennomgått på 12 måneder');
    expect(foreign).toEqual([]);
  });
});
