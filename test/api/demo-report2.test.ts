/**
 * The report's collaboration forms and common components in the demo data (issue 17, item 7): the four Statens hus
 * pilots, Statens arbeidsgiverråd and Statens innkjøpsråd as fora, BOTT among the networks, and Folkeregisteret,
 * Enhetsregisteret and Matrikkelen as services of their managers — each with where it comes from.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { networkMembers, networks, providers, services } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

describe.each(testEngines())('the report’s fora and common components in the demo data on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const network = async (slug: string) => (await t.database.db.select().from(networks).where(eq(networks.slug, slug)))[0]!;

  it('has the four Statens hus pilots, placed and sourced', async () => {
    const pilots = { 'statens-hus-narvik': '1806', 'statens-hus-orkland': '5059', 'statens-hus-stad': '4649', 'statens-hus-lyngdal': '4225' };
    for (const [slug, municipality] of Object.entries(pilots)) {
      const n = await network(slug);
      expect(n).toMatchObject({ kind: 'statens_hus', factSource: 'report' });
      expect(n.municipalityNumber).toBe(municipality);
      expect(n.sourceRef).toMatch(/Rapport 2\.4/);
      expect(n.sourceRef).toMatch(/Prop\. 1 S \(2020–2021\)/);
    }
    const page = await t.app.inject({ url: '/en/nettverk/statens-hus-narvik' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Government House Narvik');
  });

  it('has Statens arbeidsgiverråd and Statens innkjøpsråd as fora, and BOTT with its four universities', async () => {
    expect(await network('statens-arbeidsgiverrad')).toMatchObject({ kind: 'forum', sourceRef: 'Rapport 5.2' });
    expect(await network('statens-innkjopsrad')).toMatchObject({ kind: 'forum', sourceRef: 'Rapport 2.1.4 og 5.2' });
    const bott = await network('bott');
    expect(bott).toMatchObject({ kind: 'sector', factSource: 'report' });
    const members = (await t.database.db.select({ orgnr: networkMembers.agencyOrgnr }).from(networkMembers).where(eq(networkMembers.networkId, bott.id))).map((m) => m.orgnr).sort();
    expect(members).toEqual(['874789542', '970422528', '971035854', '974767880']);
    for (const [prefix, word] of [['', 'Samarbeidsforum'], ['/nn', 'Samarbeidsforum'], ['/en', 'Cooperation forum']]) {
      expect((await t.app.inject({ url: `${prefix}/nettverk/statens-innkjopsrad` })).body).toContain(word);
    }
  });

  it('has Folkeregisteret, Enhetsregisteret and Matrikkelen as services of the agencies that manage them', async () => {
    for (const [slug, provider, orgnr] of [
      ['folkeregisteret', 'skatteetaten', '974761076'],
      ['enhetsregisteret', 'brreg', '974760673'],
      ['matrikkelen', 'kartverket', '971040238'],
    ] as const) {
      const [row] = await t.database.db
        .select({ area: services.areaSlug, provider: providers.slug, orgnr: providers.orgnr, name: services.name, source: services.sourceRef })
        .from(services)
        .innerJoin(providers, eq(providers.id, services.providerId))
        .where(eq(services.slug, slug));
      expect(row).toMatchObject({ area: 'digitale-felleslosninger', provider, orgnr });
      expect(row!.name.nn && row!.name.en).toBeTruthy();
      expect(row!.source).toMatch(/Rapport 2\.1\.7/);
      expect((await t.app.inject({ url: `/api/v1/services/${slug}` })).statusCode).toBe(200);
    }
  });
});
