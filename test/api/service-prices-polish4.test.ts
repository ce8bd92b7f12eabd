import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, servicePrices, services } from '../../src/db/schema/index.js';
import { qualityReport } from '../../src/resources/quality/queries.js';
import { messages } from '../../src/web/i18n/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, formPoster, useDemoSessions, type Who } from '../support/sessions.js';
import { validateCpsv, violations } from '../support/shacl.js';

const NNBSP = '\u202f';
const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Prices on services (issue 18): the provider states amounts per unit and tier in its draft; publishing writes them
 * in one transaction with the audit event; the page, the API and the CPSV-AP-NO export show them; bad amounts are a
 * 400 naming the field in nb/nn/en; another provider's editor is refused and nothing changes; the data-quality
 * page stops counting the price gap once an amount is stated.
 */
describe.each(testEngines())('service prices on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  const postForm = formPoster(() => t, () => headers);
  const put = (who: Who, slug: string, body: unknown, lang = 'nb') =>
    t.app.inject({ method: 'PUT', url: `/api/v1/services/${slug}/draft?lang=${lang}`, headers: { ...headers[who], 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const published = async (slug: string) => (await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/1`)).json().document as Record<string, unknown>;

  it('shows the demo prices with grouped amounts and their unit in nb, nn and en, and in the API', async () => {
    const api = (await call('anonymous', 'GET', '/api/v1/services/dfo-lonn')).json();
    expect(api.prices[0]).toMatchObject({ label: 'Grunnpakke', amount: 1450, currency: 'NOK', unit: 'per_employee_year', validFrom: '2026-01-01' });
    expect(api.prices[0].note).toContain('Demoverdi');
    expect((await call('anonymous', 'GET', '/api/v1/services/dfo-lonn?lang=en')).json().prices[0].label).toBe('Basic package');
    const nb = decode((await t.app.inject('/tjenester/dfo-lonn')).body);
    expect(nb).toContain(`1${NNBSP}450 kr per ansatt per år`);
    expect(nb).toContain(`<caption>${messages.nb.service.prices}</caption>`);
    expect(decode((await t.app.inject('/tjenester/dfo-regnskap')).body)).toContain(`250${NNBSP}000 kr per år`);
    expect(decode((await t.app.inject('/nn/tjenester/dfo-lonn')).body)).toContain(`1${NNBSP}450 kr per tilsett per år`);
    expect(decode((await t.app.inject('/en/tjenester/dfo-lonn')).body)).toContain('NOK 1,450 per employee per year');
  });

  it('says "Ikke oppgitt" where a service states no price at all, and the API has an empty list', async () => {
    const report = await qualityReport(t.database.db, undefined, new Date());
    const gap = report.rows.find((r) => r.findings.some((f) => f.kind === 'price'))!;
    expect(gap).toBeDefined();
    expect((await call('anonymous', 'GET', `/api/v1/services/${gap.slug}`)).json().prices).toEqual([]);
    const page = decode((await t.app.inject(`/tjenester/${gap.slug}`)).body);
    expect(page).toMatch(/id="price-not-stated"[^>]*>.*Ikke oppgitt/s);
    expect(page).not.toContain(`<caption>${messages.nb.service.prices}</caption>`);
  });

  it('the provider publishes prices: one transaction with the audit event; page, API, CPSV-AP-NO and the quality gap follow', async () => {
    const db = t.database.db;
    const report = await qualityReport(db, undefined, new Date());
    const gap = report.rows.find((r) => r.provider.slug === 'dfo' && r.findings.some((f) => f.kind === 'price'))!;
    expect(gap).toBeDefined();
    const doc = await published(gap.slug);
    const prices = [
      { label: { nb: 'Grunnpakke', nn: 'Grunnpakke', en: 'Basic package' }, amount: 250000, unit: 'per_employee_year', note: null, validFrom: '2027-01-01' },
      { label: null, amount: 12.5, unit: 'per_transaction', note: { nb: 'Fakturert kvartalsvis.' }, validFrom: null },
    ];
    expect((await put('dag', gap.slug, { ...doc, prices })).statusCode).toBe(201);
    // A draft is not public.
    expect((await call('anonymous', 'GET', `/api/v1/services/${gap.slug}`)).json().prices).toEqual([]);
    expect((await call('dag', 'POST', `/api/v1/services/${gap.slug}/publish`)).statusCode).toBe(200);
    const api = (await call('anonymous', 'GET', `/api/v1/services/${gap.slug}`)).json();
    expect(api.prices).toEqual([
      { label: 'Grunnpakke', amount: 250000, currency: 'NOK', unit: 'per_employee_year', note: null, validFrom: '2027-01-01' },
      { label: null, amount: 12.5, currency: 'NOK', unit: 'per_transaction', note: 'Fakturert kvartalsvis.', validFrom: null },
    ]);
    const page = decode((await t.app.inject(`/tjenester/${gap.slug}`)).body);
    expect(page).toContain(`250${NNBSP}000 kr per ansatt per år`);
    expect(page).toContain('12,50 kr per transaksjon');
    expect(page).not.toContain('id="price-not-stated"');
    const [svc] = await db.select({ id: services.id }).from(services).where(eq(services.slug, gap.slug));
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, svc!.id), eq(auditEvents.action, 'service.publish')));
    expect(events).toHaveLength(1);
    expect((events[0]!.after as { changedFields: string[] }).changedFields).toContain('prices');
    const after = await qualityReport(db, undefined, new Date());
    expect(after.rows.find((r) => r.slug === gap.slug)!.findings.map((f) => f.kind)).not.toContain('price');
    const ttl = (await t.app.inject(`/api/v1/services/${gap.slug}.ttl`)).body;
    expect(ttl).toMatch(/cv:hasValue "250000"\^\^xsd:double|cv:hasValue 2\.5E5|"250000"/);
    expect(ttl).toContain('currency/NOK');
    expect(ttl).toContain(`Grunnpakke: 250${NNBSP}000 kr per ansatt per år`);
    expect(violations(await validateCpsv(ttl))).toEqual([]);
  });

  it('refuses bad amounts, units and dates with a 400 naming each field, in nb, nn and en; nothing is saved', async () => {
    const doc = await published('dfo-regnskap');
    const bad = {
      ...doc,
      prices: [
        { label: null, amount: -5, unit: 'per_year', note: null, validFrom: null },
        { label: null, amount: 10.005, unit: 'per_hour', note: null, validFrom: null },
        { label: null, amount: 1, unit: 'per_fortnight', note: null, validFrom: '2026-02-30' },
      ],
    };
    const answers = await Promise.all((['nb', 'nn', 'en'] as const).map((lang) => put('dag', 'dfo-regnskap', bad, lang)));
    for (const r of answers) {
      expect(r.statusCode).toBe(400);
      expect((r.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['prices.0.amount', 'prices.2.unit']);
    }
    const msg = (r: (typeof answers)[number]) => (r.json().errors as { field: string; message: string }[]).find((e) => e.field === 'prices.0.amount')!.message;
    expect(new Set(answers.map(msg)).size).toBe(3);
    // Past the schema, the domain's rules: øre and calendar dates.
    const domain = await put('dag', 'dfo-regnskap', { ...bad, prices: [bad.prices[1], { ...bad.prices[2], unit: 'per_year' }] }, 'nn');
    expect(domain.statusCode).toBe(400);
    expect(domain.json().errors).toEqual([
      { field: 'prices.0.amount', message: messages.nn.serviceEditing.errors.priceDecimals },
      { field: 'prices.1.validFrom', message: messages.nn.serviceEditing.errors.priceDate },
    ]);
    expect((await call('dag', 'GET', '/api/v1/services/dfo-regnskap/draft')).statusCode).toBe(404);
  });

  it('another provider’s editor may not change the prices; nothing changes', async () => {
    const doc = await published('dfo-regnskap');
    const before = await t.database.db.select().from(servicePrices);
    const res = await put('siri', 'dfo-regnskap', { ...doc, prices: [] });
    expect(res.statusCode).toBe(403);
    expect((await call('siri', 'POST', '/api/v1/services/dfo-regnskap/publish')).statusCode).toBe(403);
    expect(await t.database.db.select().from(servicePrices)).toHaveLength(before.length);
    expect((await call('anonymous', 'GET', '/api/v1/services/dfo-regnskap')).json().prices).toHaveLength(2);
  });

  it('the edit form takes a grouped amount ("250 000") and shows a bad one beside its field, 400 not 500', async () => {
    const form = (await call('dag', 'GET', '/tjenester/dfo-regnskap/rediger')).body;
    expect(form).toContain('name="prices.0.amount"');
    expect(form).toContain('name="prices.2.amount"'); // the blank row to add a price
    const post = async (amount: string) => {
      const body: Record<string, string[]> = {};
      const add = (k: string, v: string) => (body[k] ??= []).push(v);
      for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (!/type="checkbox"|name="_csrf"/.test(m[0])) add(m[1]!, decode(m[2]!));
      for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) add(m[1]!, decode(m[2]!));
      for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/gs)) {
        const selected = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]!) ?? /<option[^>]*value="([^"]*)"/.exec(m[2]!);
        add(m[1]!, selected?.[1] ?? '');
      }
      body['prices.0.amount'] = [amount];
      return postForm('dag', '/tjenester/dfo-regnskap/rediger', body);
    };
    const wrong = await post('-3');
    expect(wrong.statusCode).toBe(400);
    expect(decode(wrong.body)).toMatch(/id="f-prices-0-amount"/);
    const ok = await post(`260${NNBSP}000`);
    expect(ok.statusCode).toBe(303);
    const draft = (await call('dag', 'GET', '/api/v1/services/dfo-regnskap/draft')).json();
    expect(draft.document.prices[0]).toMatchObject({ amount: 260000, unit: 'per_year' });
    expect((await call('dag', 'DELETE', '/api/v1/services/dfo-regnskap/draft')).statusCode).toBe(204);
  });
});
