import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, useDemoSessions } from '../support/sessions.js';

/**
 * Every field the service page shows is editable (issue 12): further service levels (`serviceLevels.other`) and the
 * note on what the number of users counts (`reportedUsersNote`) are in the draft's schema and the edit form. A
 * document without them (an older client) keeps the published values; one with them replaces them.
 */
describe.each(testEngines())('the remaining editable service fields on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const call = caller(() => t, () => headers);
  const slug = 'dss-ikt-tjenester';
  const publish = async (doc: unknown) => {
    const put = await call('anne', 'PUT', `/api/v1/services/${slug}/draft`, doc);
    expect(put.statusCode).toBe(201);
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/services/${slug}/publish`, headers: { ...headers.anne, 'if-match': put.headers.etag as string } });
    expect(pub.statusCode).toBe(200);
    return pub.json().version as number;
  };


  it('the draft and the form carry the further service levels and the users note', async () => {
    const doc = (await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/1`)).json().document;
    expect(doc.serviceLevels.other.length).toBeGreaterThan(0);
    expect(doc).toHaveProperty('reportedUsersNote');
    const form = await call('anne', 'GET', `/tjenester/${slug}/rediger`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="serviceLevels.other.0.nb"');
    expect(form.body).toContain('name="serviceLevels.other.0.nn"');
    expect(form.body).toContain('name="reportedUsersNote.en"');
    expect(form.body).toContain(doc.serviceLevels.other[0].nb);
  });

  it('a document without them keeps the published values; one with them replaces them, on the page and in history', async () => {
    const doc = (await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/1`)).json().document;
    const before = doc.serviceLevels.other[0].nb as string;
    const { other: _o, ...levels } = doc.serviceLevels;
    const { reportedUsersNote: _n, ...older } = doc;
    await publish({ ...older, serviceLevels: levels, keywords: `${doc.keywords} eldre-klient` });
    expect((await t.app.inject(`/tjenester/${slug}`)).body).toContain(before);

    const version = await publish({
      ...doc,
      serviceLevels: { ...doc.serviceLevels, other: [{ nb: 'Driftsvakt hele døgnet (Kolibri)', nn: 'Driftsvakt heile døgnet (Kolibri)', en: 'Operations on call around the clock (Kolibri)' }] },
      reportedUsersNote: { nb: 'Teller departementene (Kolibri).' },
    });
    const page = (await t.app.inject(`/tjenester/${slug}`)).body;
    expect(page).toContain('Driftsvakt hele døgnet (Kolibri)');
    expect(page).not.toContain(before);
    expect((await t.app.inject(`/en/tjenester/${slug}`)).body).toContain('Operations on call around the clock (Kolibri)');
    const v = (await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/${version}`)).json();
    expect(v.changedFields).toEqual(expect.arrayContaining(['serviceLevels', 'reportedUsersNote']));
    expect(v.document.reportedUsersNote).toEqual({ nb: 'Teller departementene (Kolibri).' });
  });

  it('refuses a bad further level by field', async () => {
    const doc = (await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/1`)).json().document;
    const bad = await call('anne', 'PUT', `/api/v1/services/${slug}/draft`, { ...doc, serviceLevels: { ...doc.serviceLevels, other: [{ nb: 'x'.repeat(301) }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['serviceLevels.other.0.nb']);
  });
});
