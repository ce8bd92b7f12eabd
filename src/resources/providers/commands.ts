import { and, eq, max, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { recordAudit } from '../../db/audit.js';
import { agencies, areas, providers } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { checkOrgnr } from '../../domain/orgnr.js';
import { capacityForProvider } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { type FieldError, schemaErrors } from '../services/editSchema.js';
import { AreaDocumentSchema, PROVIDER_ADMIN_FIELDS, ProviderDocumentSchema } from './editSchema.js';
import { type KeepingAction, mayKeep } from './policy.js';

/**
 * Commands with which DFØ keeps the providers and service areas, and a provider's editors their own provider's
 * descriptive fields. Each checks the policy, validates like the API (the schema, then the MOD11 check digit and
 * the references), changes one row in one transaction and writes the audit event there. The `providers` and
 * `areas` statement triggers bump the catalogue's data version in the same transaction (migration 0008), so
 * search, pages, the open-data export and every cache show the change on the next request.
 */

export interface ProviderDocument {
  slug: string;
  orgnr: string | null;
  name: LocalizedText;
  shortName: string | null;
  model: (typeof providers.$inferSelect)['model'];
  description: LocalizedText;
  website: string | null;
  contact: { email: string | null; phone: string | null; url: string | null };
}

export interface AreaDocument {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  gapArea: boolean;
}

const t = (lang: Language) => messages[lang].catalogueKeeping;
const badRequest = (errors: FieldError[]) => new HttpProblem(400, errors.map((x) => `${x.field}: ${x.message}`).join(' '), { errors });
const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const localized = (x: LocalizedText): LocalizedText => ({ nb: x.nb.trim(), ...(x.nn?.trim() ? { nn: x.nn.trim() } : {}), ...(x.en?.trim() ? { en: x.en.trim() } : {}) });

export function authorise(actor: Actor, action: KeepingAction, lang: Language, provider?: { id: string }): void {
  if (mayKeep(actor.principal, action, provider)) return;
  if (action === 'edit_provider') throw new HttpProblem(403, messages[lang].access.notYourProvider, { roles: ['provider_editor', 'admin'] });
  throw new HttpProblem(403, t(lang).errors.adminOnly, { roles: ['admin'] });
}

type ProviderRow = typeof providers.$inferSelect;

/** A provider as its editors write it (what the form and `PUT /api/v1/providers/{slug}` start from). */
export function providerDocumentOf(p: ProviderRow): ProviderDocument {
  return {
    slug: p.slug,
    orgnr: p.orgnr,
    name: localized(p.name),
    shortName: p.shortName,
    model: p.model,
    description: localized(p.description),
    website: p.website,
    contact: { email: p.contact.email ?? null, phone: p.contact.phone ?? null, url: p.contact.url ?? null },
  };
}

export async function findProvider(db: Executor, slug: string, lang: Language): Promise<ProviderRow> {
  const [p] = await db.select().from(providers).where(eq(providers.slug, slug));
  if (!p) throw new HttpProblem(404, messages[lang].errors.unknownProvider(slug));
  return p;
}

/** The schema's errors, then the organisation number (MOD11, known agency) and a free slug; the normalized document. */
async function validateProvider(db: Executor, input: unknown, currentId: string | null, lang: Language): Promise<ProviderDocument> {
  const problems = schemaErrors(ProviderDocumentSchema, input, lang);
  if (problems.length) throw badRequest(problems);
  const raw = input as ProviderDocument;
  const doc: ProviderDocument = {
    ...raw,
    name: localized(raw.name),
    description: localized(raw.description),
    shortName: blankToNull(raw.shortName),
    website: blankToNull(raw.website),
    contact: { email: blankToNull(raw.contact.email), phone: blankToNull(raw.contact.phone), url: blankToNull(raw.contact.url) },
    orgnr: blankToNull(raw.orgnr),
  };
  const errors: FieldError[] = [];
  if (doc.orgnr) {
    const check = checkOrgnr(doc.orgnr);
    if (!check.ok) errors.push({ field: 'orgnr', message: messages[lang].errors.invalidOrgnr[check.problem] });
    else {
      doc.orgnr = check.orgnr;
      const [a] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, check.orgnr));
      if (!a) errors.push({ field: 'orgnr', message: messages[lang].errors.unknownAgency(check.orgnr) });
    }
  }
  const [taken] = await db
    .select({ id: providers.id })
    .from(providers)
    .where(currentId ? and(eq(providers.slug, doc.slug), ne(providers.id, currentId)) : eq(providers.slug, doc.slug));
  if (taken) errors.push({ field: 'slug', message: t(lang).errors.slugTaken(doc.slug) });
  if (errors.length) throw badRequest(errors);
  return doc;
}

const providerColumns = (doc: ProviderDocument) => ({
  slug: doc.slug,
  orgnr: doc.orgnr,
  name: doc.name,
  shortName: doc.shortName,
  model: doc.model,
  description: doc.description,
  website: doc.website,
  contact: Object.fromEntries(Object.entries(doc.contact).filter(([, v]) => v)) as ProviderRow['contact'],
});

/** createProvider: DFØ adds a provider. */
export async function createProvider(db: Executor, actor: Actor, input: unknown, lang: Language): Promise<ProviderRow> {
  authorise(actor, 'create_provider', lang);
  return db.transaction(async (tx) => {
    const doc = await validateProvider(tx, input, null, lang);
    const [row] = await tx
      .insert(providers)
      .values({ ...providerColumns(doc), factSource: 'provider', createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await recordAudit(tx, actor, { role: 'admin', providerId: row!.id }, { action: 'provider.create', entityType: 'provider', entityId: row!.id, after: { ...doc } });
    return row!;
  });
}

/**
 * updateProvider: the whole document (a PUT). A provider's own editors may change its descriptive fields; a change
 * to the organisation number, address or model from anyone but DFØ is a 403 naming the field.
 */
export async function updateProvider(db: Executor, actor: Actor, slug: string, input: unknown, lang: Language): Promise<ProviderRow> {
  return db.transaction(async (tx) => {
    const current = await findProvider(tx, slug, lang);
    authorise(actor, 'edit_provider', lang, current);
    const doc = await validateProvider(tx, input, current.id, lang);
    const before = providerDocumentOf(current);
    if (!mayKeep(actor.principal, 'edit_provider_identity', current)) {
      const changed = PROVIDER_ADMIN_FIELDS.filter((f) => doc[f] !== before[f]);
      if (changed.length) throw new HttpProblem(403, t(lang).errors.identityAdminOnly, { errors: changed.map((field) => ({ field, message: t(lang).errors.identityAdminOnly })) });
    }
    const changed = (Object.keys(doc) as (keyof ProviderDocument)[]).filter((k) => JSON.stringify(doc[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return current;
    const [row] = await tx.update(providers).set({ ...providerColumns(doc), factSource: 'provider', updatedAt: actor.now }).where(eq(providers.id, current.id)).returning();
    await recordAudit(tx, actor, capacityForProvider(actor.principal, current.id), {
      action: 'provider.update',
      entityType: 'provider',
      entityId: current.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, doc[k]])),
    });
    return row!;
  });
}

type AreaRow = typeof areas.$inferSelect;

export const areaDocumentOf = (a: AreaRow): AreaDocument => ({ slug: a.slug, name: localized(a.name), description: localized(a.description), gapArea: a.gapArea });

export async function findArea(db: Executor, slug: string, lang: Language): Promise<AreaRow> {
  const [a] = await db.select().from(areas).where(eq(areas.slug, slug));
  if (!a) throw new HttpProblem(404, messages[lang].errors.unknownArea(slug));
  return a;
}

function validateArea(input: unknown, lang: Language): AreaDocument {
  const problems = schemaErrors(AreaDocumentSchema, input, lang);
  if (problems.length) throw badRequest(problems);
  const raw = input as AreaDocument;
  return { ...raw, name: localized(raw.name), description: localized(raw.description) };
}

/** createArea: DFØ adds a service area, last in the portal's order. */
export async function createArea(db: Executor, actor: Actor, input: unknown, lang: Language): Promise<AreaRow> {
  authorise(actor, 'create_area', lang);
  return db.transaction(async (tx) => {
    const doc = validateArea(input, lang);
    const [taken] = await tx.select({ slug: areas.slug }).from(areas).where(eq(areas.slug, doc.slug));
    if (taken) throw badRequest([{ field: 'slug', message: t(lang).errors.slugTaken(doc.slug) }]);
    const [last] = await tx.select({ n: max(areas.sortOrder) }).from(areas);
    const [row] = await tx
      .insert(areas)
      .values({ ...doc, sortOrder: (last?.n ?? 0) + 1 })
      .returning();
    await recordAudit(tx, actor, { role: 'admin' }, { action: 'area.create', entityType: 'area', entityId: doc.slug, after: { ...doc } });
    return row!;
  });
}

/** updateArea: names, descriptions and the gap mark. The address of an existing area stays (services link to it). */
export async function updateArea(db: Executor, actor: Actor, slug: string, input: unknown, lang: Language): Promise<AreaRow> {
  authorise(actor, 'edit_area', lang);
  return db.transaction(async (tx) => {
    const current = await findArea(tx, slug, lang);
    const doc = validateArea(input, lang);
    if (doc.slug !== current.slug) throw badRequest([{ field: 'slug', message: t(lang).errors.areaSlugFixed }]);
    const before = areaDocumentOf(current);
    const changed = (Object.keys(doc) as (keyof AreaDocument)[]).filter((k) => JSON.stringify(doc[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return current;
    const [row] = await tx.update(areas).set({ name: doc.name, description: doc.description, gapArea: doc.gapArea }).where(eq(areas.slug, slug)).returning();
    await recordAudit(tx, actor, { role: 'admin' }, {
      action: 'area.update',
      entityType: 'area',
      entityId: slug,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, doc[k]])),
    });
    return row!;
  });
}
