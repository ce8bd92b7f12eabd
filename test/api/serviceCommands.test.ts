import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueVersion } from '../../src/db/readCache.js';
import { auditEvents, providers, services, serviceSlugAliases, serviceVersions, users } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/principal.js';
import {
  createService,
  draftAction,
  loadServiceDocument,
  publishDraft,
  reinstateService,
  retireService,
  saveDraft,
  setReviewRequired,
} from '../../src/resources/services/commands.js';
import { serviceVersionList } from '../../src/resources/services/history.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { actorFor } from '../support/sessions.js';

/**
 * The catalogue's editing commands on a real database (both engines): a draft, publishing in one transaction with
 * its version, audit event and data-version bump, a rename, review, retire and reinstate, and refusals.
 */
describe.each(testEngines())('service editing commands on %s', (engine) => {
  let d: TestDatabase;
  let dfo: string;
  let dag: Principal;
  const anne: Principal = { kind: 'user', id: '00000000-0000-4000-8000-00000000a001', name: 'Anne Vik', roles: [{ role: 'admin' }] };
  const anne2: Principal = { kind: 'user', id: '00000000-0000-4000-8000-00000000a002', name: 'Annen Admin', roles: [{ role: 'admin' }] };

  beforeAll(async () => {
    d = await createTestDatabase(engine, 'demo');
    dfo = (await d.db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'dfo')))[0]!.id;
    const [u] = await d.db.select({ id: users.id }).from(users).where(eq(users.email, 'dag.olsen@dfo.example'));
    dag = { kind: 'user', id: u!.id, name: 'Dag Olsen', roles: [{ role: 'provider_editor', providerId: dfo }] };
  });
  afterAll(async () => d?.close());

  it('publishes a draft as a new version in one go: catalogue bumped, version kept, audit written', async () => {
    const before = await loadServiceDocument(d.db, (await d.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id);
    const draft = await saveDraft(d.db, actorFor(dag), 'dfo-lonn', { ...before, summary: { ...before.summary, en: 'Payroll, edited' } }, undefined, 'nb');
    expect(draft.revision).toBe(1);
    await expect(saveDraft(d.db, actorFor(dag), 'dfo-lonn', before, 7, 'nb')).rejects.toMatchObject({ status: 412 });
    await expect(saveDraft(d.db, actorFor(dag), 'dfo-lonn', before, undefined, 'nb')).rejects.toMatchObject({ status: 428 });
    const v0 = await catalogueVersion(d.db);
    const result = await publishDraft(d.db, actorFor(dag), 'dfo-lonn', 'nb');
    expect(result.version).toBe(2);
    expect(await catalogueVersion(d.db)).toBeGreaterThan(v0);
    const [s] = await d.db.select().from(services).where(eq(services.slug, 'dfo-lonn'));
    expect(s!.summary.en).toBe('Payroll, edited');
    const list = await serviceVersionList(d.db, 'dfo-lonn');
    expect(list!.versions.map((v) => [v.number, v.baseline, v.changedFields])).toEqual([
      [2, false, ['summary']],
      [1, true, []],
    ]);
    const audit = await d.db.select().from(auditEvents).where(eq(auditEvents.entityId, s!.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['service.draft.save', 'service.publish']));
  });

  it('renames: the old slug becomes an alias of the service', async () => {
    const id = (await d.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id;
    const doc = await loadServiceDocument(d.db, id);
    await saveDraft(d.db, actorFor(dag), 'dfo-lonn', { ...doc, slug: 'dfo-lonnstjenester' }, undefined, 'nb');
    await publishDraft(d.db, actorFor(dag), 'dfo-lonn', 'nb');
    const [alias] = await d.db.select().from(serviceSlugAliases).where(eq(serviceSlugAliases.slug, 'dfo-lonn'));
    expect(alias!.serviceId).toBe(id);
    // And back: the alias moves, nothing is lost.
    await saveDraft(d.db, actorFor(dag), 'dfo-lonnstjenester', { ...doc, slug: 'dfo-lonn' }, undefined, 'nb');
    await publishDraft(d.db, actorFor(dag), 'dfo-lonnstjenester', 'nb');
    const aliases = await d.db.select().from(serviceSlugAliases).where(eq(serviceSlugAliases.serviceId, id));
    expect(aliases.map((a) => a.slug)).toEqual(['dfo-lonnstjenester']);
  });

  it('refuses another provider’s service, an unknown area and a taken slug, naming the field', async () => {
    const id = (await d.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id;
    const doc = await loadServiceDocument(d.db, id);
    const sis: Principal = { kind: 'user', id: 'x', name: 'Siri', roles: [{ role: 'provider_editor', providerId: '00000000-0000-4000-8000-000000000000' }] };
    await expect(saveDraft(d.db, actorFor(sis), 'dfo-lonn', doc, undefined, 'nb')).rejects.toMatchObject({ status: 403 });
    await expect(saveDraft(d.db, actorFor(dag), 'dfo-lonn', { ...doc, area: 'finnes-ikke' }, undefined, 'en')).rejects.toMatchObject({
      status: 400,
      extra: { errors: [{ field: 'area', message: 'There is no service area «finnes-ikke».' }] },
    });
    await expect(saveDraft(d.db, actorFor(dag), 'dfo-lonn', { ...doc, slug: 'si-reisebyratjenester' }, undefined, 'nb')).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'slug' }] } });
  });

  it('with review required: submit, return with a comment, approve by a second person', async () => {
    await setReviewRequired(d.db, actorFor(anne), 'dfo', true, 'nb');
    const id = (await d.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id;
    const doc = await loadServiceDocument(d.db, id);
    await saveDraft(d.db, actorFor(dag), 'dfo-lonn', { ...doc, keywords: 'lønn, reise' }, undefined, 'nb');
    await expect(publishDraft(d.db, actorFor(dag), 'dfo-lonn', 'nb')).rejects.toMatchObject({ status: 409 });
    await draftAction(d.db, actorFor(dag), 'dfo-lonn', 'submit', {}, 'nb');
    await expect(draftAction(d.db, actorFor(dag), 'dfo-lonn', 'approve', {}, 'nb')).rejects.toMatchObject({ status: 403 });
    await expect(draftAction(d.db, actorFor(anne), 'dfo-lonn', 'return', { comment: ' ' }, 'nb')).rejects.toMatchObject({ status: 400 });
    await draftAction(d.db, actorFor(anne), 'dfo-lonn', 'return', { comment: 'Søkeordene må være bokmål.' }, 'nb');
    await draftAction(d.db, actorFor(dag), 'dfo-lonn', 'submit', {}, 'nb');
    const result = await draftAction(d.db, actorFor(anne2), 'dfo-lonn', 'approve', {}, 'nb');
    expect(result.version).toBeGreaterThan(2);
    await setReviewRequired(d.db, actorFor(anne), 'dfo', false, 'nb');
  });

  it('a new service is a draft until first published', async () => {
    const id = (await d.db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn')))[0]!.id;
    const doc = await loadServiceDocument(d.db, id);
    const draft = await createService(d.db, actorFor(dag), 'dfo', { ...doc, slug: 'dfo-ny-tjeneste', name: { nb: 'Ny tjeneste' }, tiers: [], related: [], parent: null }, 'nb');
    expect(draft.serviceId).toBeNull();
    expect(await d.db.select().from(services).where(eq(services.slug, 'dfo-ny-tjeneste'))).toEqual([]);
    expect((await publishDraft(d.db, actorFor(dag), 'dfo-ny-tjeneste', 'nb')).version).toBe(1);
    const [s] = await d.db.select().from(services).where(eq(services.slug, 'dfo-ny-tjeneste'));
    expect(s!.providerId).toBe(dfo);
    expect((await d.db.select().from(serviceVersions).where(eq(serviceVersions.serviceId, s!.id))).length).toBe(1);
  });

  it('retires and reinstates, once each', async () => {
    await retireService(d.db, actorFor(dag), 'dfo-ny-tjeneste', 'nb');
    await expect(retireService(d.db, actorFor(dag), 'dfo-ny-tjeneste', 'nb')).rejects.toMatchObject({ status: 409 });
    expect((await d.db.select().from(services).where(eq(services.slug, 'dfo-ny-tjeneste')))[0]!.retiredAt).not.toBeNull();
    await reinstateService(d.db, actorFor(dag), 'dfo-ny-tjeneste', 'nb');
    expect((await d.db.select().from(services).where(eq(services.slug, 'dfo-ny-tjeneste')))[0]!.retiredAt).toBeNull();
  });
});
