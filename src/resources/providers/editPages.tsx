import { Button, Paragraph } from '@digdir/designsystemet-react';
import { asc } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Type } from 'typebox';
import { areas, providers } from '../../db/schema/index.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { isAdmin } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, DefinitionList, PageHeader, Section } from '../../web/components.js';
import { Text, useHref, usePage } from '../../web/context.js';
import { CsrfField, ErrorSummary, type Errors, FormBody, type FormValues, Notice, OkQuery } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { setReviewRequired } from '../services/commands.js';
import { documentFromFormFor, fieldId, formValuesFor, SchemaSection } from '../services/editForm.js';
import { SlugParams } from '../shared/schema.js';
import { areaDocumentOf, createArea, createProvider, findArea, findProvider, providerDocumentOf, updateArea, updateProvider } from './commands.js';
import { AREA_SECTIONS, AreaDocumentSchema, PROVIDER_ADMIN_FIELDS, PROVIDER_SECTIONS, ProviderDocumentSchema } from './editSchema.js';
import { mayKeep } from './policy.js';

/**
 * The pages with which DFØ keeps providers and service areas, and a provider's editors their own provider's
 * descriptive fields (issue 12). The forms are generated from the API's schemas like the service edit form: they
 * work without JavaScript, keep what was typed when validation fails and show each error next to its field.
 * /admin/katalog lists both, with links to edit and to add.
 */
type Kind = 'provider' | 'area';
interface FormSpec {
  schema: TSchema;
  sections: readonly { key: string; fields: readonly string[] }[];
  labels: Record<string, string>;
}

export async function registerCatalogueKeepingPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const spec = (req: FastifyRequest, kind: Kind): FormSpec => {
    const k = messages[req.lang].catalogueKeeping;
    return kind === 'provider'
      ? { schema: ProviderDocumentSchema, sections: PROVIDER_SECTIONS, labels: k.providerFields }
      : { schema: AreaDocumentSchema, sections: AREA_SECTIONS, labels: k.areaFields };
  };
  const signedIn = (req: FastifyRequest) => {
    if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
  };
  const adminOnly = (req: FastifyRequest) => {
    signedIn(req);
    if (!isAdmin(req.principal)) throw new HttpProblem(403, messages[req.lang].catalogueKeeping.errors.adminOnly, { roles: ['admin'] });
  };

  /** Renders a form page; `fixed` lists the fields shown but not editable (a provider's editors' view). */
  const show = (req: FastifyRequest, reply: FastifyReply, props: Omit<KeepPageProps, 'spec'> & { kind: Kind }, status = 200) =>
    sendPage(req, reply, <KeepPage {...props} spec={spec(req, props.kind)} />, status);

  /** Runs a save; on a 400 shows the form again with what was typed and the errors by field. */
  const save = async (req: FastifyRequest, reply: FastifyReply, run: () => Promise<string>, again: (errors: Errors) => unknown) => {
    try {
      return reply.redirect(await run(), 303);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 400) return again(err.extra.errors ?? [{ field: 'form', message: err.detail }]);
      throw err;
    }
  };

  app.get('/admin/katalog', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    adminOnly(req);
    const [ps, as] = await Promise.all([
      db.select({ slug: providers.slug, name: providers.name, orgnr: providers.orgnr }).from(providers).orderBy(asc(providers.slug)),
      db.select({ slug: areas.slug, name: areas.name }).from(areas).orderBy(asc(areas.sortOrder)),
    ]);
    return sendPage(req, reply, <KeepingIndex providers={ps} areas={as} />);
  });

  // Providers
  app.get('/leverandorer/ny', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    adminOnly(req);
    return show(req, reply, { kind: 'provider', mode: 'new', values: { model: 'central' }, errors: [] });
  });
  /** POST /leverandorer/ny and /omrader/ny: DFØ adds one; then its form, or the typed values with the errors. */
  const creationForm = (kind: Kind, path: string, create: (req: FastifyRequest, input: Record<string, unknown>) => Promise<{ slug: string }>) =>
    app.post(path, { schema: { hide: true, body: FormBody } }, async (req, reply) => {
      adminOnly(req);
      const body = req.body as FormValues;
      const run = async () => `${prefix(req)}${path.replace(/\/ny$/, '')}/${(await create(req, documentFromFormFor(spec(req, kind).schema, body))).slug}/rediger?ok=created`;
      return save(req, reply, run, (errors) => show(req, reply, { kind, mode: 'new', values: body, errors }, 400));
    });
  creationForm('provider', '/leverandorer/ny', (req, input) => createProvider(db, actorOf(req, deps), input, req.lang));

  const providerFor = async (req: FastifyRequest, slug: string) => {
    signedIn(req);
    const p = await findProvider(db, slug, req.lang);
    if (!mayKeep(req.principal, 'edit_provider', p)) throw new HttpProblem(403, messages[req.lang].access.notYourProvider, { roles: ['provider_editor', 'admin'] });
    return p;
  };
  type ProviderRow = Awaited<ReturnType<typeof findProvider>>;
  const providerPage = (req: FastifyRequest, reply: FastifyReply, p: ProviderRow, values: FormValues, errors: Errors, ok?: string, status = 200) => {
    const identity = mayKeep(req.principal, 'edit_provider_identity', p);
    const doc = providerDocumentOf(p);
    return show(
      req,
      reply,
      {
        kind: 'provider',
        mode: 'edit',
        slug: p.slug,
        name: p.name,
        values,
        errors,
        ok,
        fixed: identity ? [] : PROVIDER_ADMIN_FIELDS.map((f) => ({ field: f, value: f === 'orgnr' && doc.orgnr ? formatOrgnr(doc.orgnr) : doc[f] ?? '–' })),
        reviewRequired: identity ? p.reviewRequired : undefined,
      },
      status,
    );
  };
  app.get('/leverandorer/:slug/rediger', { schema: { hide: true, params: SlugParams, querystring: OkQuery } }, async (req, reply) => {
    const p = await providerFor(req, req.params.slug);
    return providerPage(req, reply, p, formValuesFor(ProviderDocumentSchema, providerDocumentOf(p)), [], req.query.ok);
  });
  app.post('/leverandorer/:slug/rediger', { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => {
    const p = await providerFor(req, req.params.slug);
    const body = req.body as FormValues;
    const input = documentFromFormFor(ProviderDocumentSchema, body);
    // A provider's own editors do not see the fields only DFØ changes: those keep their current values.
    if (!mayKeep(req.principal, 'edit_provider_identity', p)) for (const f of PROVIDER_ADMIN_FIELDS) input[f] = providerDocumentOf(p)[f];
    return save(
      req,
      reply,
      async () => `${prefix(req)}/leverandorer/${(await updateProvider(db, actorOf(req, deps), p.slug, input, req.lang)).slug}/rediger?ok=saved`,
      (errors) => providerPage(req, reply, p, body, errors, undefined, 400),
    );
  });
  app.post('/leverandorer/:slug/godkjenning', { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => {
    adminOnly(req);
    await setReviewRequired(db, actorOf(req, deps), req.params.slug, [(req.body as FormValues).reviewRequired].flat().includes('true'), req.lang);
    return reply.redirect(`${prefix(req)}/leverandorer/${req.params.slug}/rediger?ok=review`, 303);
  });

  // Service areas
  app.get('/omrader/ny', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    adminOnly(req);
    return show(req, reply, { kind: 'area', mode: 'new', values: {}, errors: [] });
  });
  creationForm('area', '/omrader/ny', (req, input) => createArea(db, actorOf(req, deps), input, req.lang));
  app.get('/omrader/:slug/rediger', { schema: { hide: true, params: SlugParams, querystring: OkQuery } }, async (req, reply) => {
    adminOnly(req);
    const a = await findArea(db, req.params.slug, req.lang);
    return show(req, reply, { kind: 'area', mode: 'edit', slug: a.slug, name: a.name, values: formValuesFor(AreaDocumentSchema, areaDocumentOf(a)), errors: [], ok: req.query.ok });
  });
  app.post('/omrader/:slug/rediger', { schema: { hide: true, params: SlugParams, body: FormBody } }, async (req, reply) => {
    adminOnly(req);
    const a = await findArea(db, req.params.slug, req.lang);
    const body = req.body as FormValues;
    return save(
      req,
      reply,
      async () => `${prefix(req)}/omrader/${(await updateArea(db, actorOf(req, deps), a.slug, documentFromFormFor(AreaDocumentSchema, body), req.lang)).slug}/rediger?ok=saved`,
      (errors) => show(req, reply, { kind: 'area', mode: 'edit', slug: a.slug, name: a.name, values: body, errors }, 400),
    );
  });
}

interface KeepPageProps {
  kind: Kind;
  mode: 'new' | 'edit';
  spec: FormSpec;
  slug?: string;
  name?: { nb: string; nn?: string; en?: string };
  values: FormValues;
  errors: Errors;
  ok?: string | undefined;
  fixed?: { field: string; value: string }[];
  reviewRequired?: boolean | undefined;
}

function KeepPage({ kind, mode, spec, slug, name, values, errors, ok, fixed = [], reviewRequired }: KeepPageProps) {
  const { t, lang } = usePage();
  const href = useHref();
  const k = t.catalogueKeeping;
  const shown = name ? name[lang] || name.nb : '';
  const title = mode === 'new' ? (kind === 'provider' ? k.newProvider : k.newArea) : kind === 'provider' ? k.editProvider(shown) : k.editArea(shown);
  const base = kind === 'provider' ? '/leverandorer' : '/omrader';
  const action = mode === 'new' ? href(`${base}/ny`) : href(`${base}/${slug}/rediger`);
  const labelOf = (f: string) => spec.labels[f.replace(/\.(nb|nn|en)$/, '')] ?? f;
  const hidden = new Set(fixed.map((f) => f.field));
  const lead = kind === 'area' ? k.areaLead : fixed.length ? k.ownProviderLead : k.providerLead;
  const okText: Record<string, string> = { saved: k.saved, created: k.created, review: k.reviewSaved };
  return (
    <Layout title={title} section={kind === 'provider' ? 'providers' : 'areas'}>
      <Breadcrumbs
        items={[
          { label: t.nav.home, href: href('/') },
          kind === 'provider' ? { label: t.provider.title, href: href('/leverandorer') } : { label: t.nav.areas, href: href('/omrader') },
          ...(slug ? [{ label: shown, href: href(`${base}/${slug}`) }] : []),
          { label: mode === 'new' ? title : k.edit },
        ]}
      />
      <PageHeader title={title} lead={lead} />
      <Notice text={ok ? okText[ok] : undefined} />
      <ErrorSummary errors={errors.map((x) => ({ field: x.field, message: `${labelOf(x.field)}: ${x.message}` }))} fieldId={fieldId} />
      {fixed.length ? (
        <Section title={k.fixedFields} id="fixed">
          <DefinitionList items={fixed.map((f) => ({ term: spec.labels[f.field] ?? f.field, value: f.field === 'model' ? (t.vocab.model[f.value as keyof typeof t.vocab.model] ?? f.value) : f.value }))} />
        </Section>
      ) : null}
      <form method="post" action={action} className="stack-form service-edit-form" noValidate>
        <CsrfField />
        {spec.sections.map((sec) => {
          const keys = sec.fields.filter((f) => !hidden.has(f));
          return keys.length ? (
            <Section key={sec.key} title={k.sections[sec.key as keyof typeof k.sections]} id={`section-${sec.key}`}>
              <SchemaSection keys={keys} values={values} errors={errors} choices={{ options: {} }} schema={spec.schema} labels={spec.labels} />
            </Section>
          ) : null;
        })}
        <Button type="submit" variant="primary">
          {mode === 'new' ? k.create : k.save}
        </Button>
      </form>
      {reviewRequired !== undefined && slug ? (
        <Section title={t.serviceEditing.review.title} id="review">
          <form method="post" action={href(`/leverandorer/${slug}/godkjenning`)} className="stack-form">
            <CsrfField />
            <input type="hidden" name="reviewRequired" value="false" />
            <div className="checkbox-field">
              <input type="checkbox" id="f-reviewRequired" name="reviewRequired" value="true" defaultChecked={reviewRequired} />
              <label htmlFor="f-reviewRequired">{t.serviceEditing.review.toggleLabel}</label>
            </div>
            <Button type="submit" variant="secondary">
              {t.serviceEditing.review.toggleSave}
            </Button>
          </form>
        </Section>
      ) : null}
    </Layout>
  );
}

function KeepingIndex({ providers: ps, areas: as }: { providers: { slug: string; name: { nb: string }; orgnr: string | null }[]; areas: { slug: string; name: { nb: string } }[] }) {
  const { t } = usePage();
  const href = useHref();
  const k = t.catalogueKeeping;
  const list = (items: { slug: string; name: { nb: string } }[], base: string) => (
    <ul className="link-list">
      {items.map((x) => (
        <li key={x.slug}>
          <a href={href(`${base}/${x.slug}/rediger`)}>
            <Text value={x.name} />
          </a>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout title={k.title} section="mine" description={k.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: k.title }]} />
      <PageHeader title={k.title} lead={k.lead} />
      {[
        { id: 'providers', title: k.providers, add: k.newProvider, base: '/leverandorer', items: ps },
        { id: 'areas', title: k.areas, add: k.newArea, base: '/omrader', items: as },
      ].map((g) => (
        <Section key={g.id} title={g.title} id={g.id}>
          <Paragraph>
            <a href={href(`${g.base}/ny`)}>{g.add}</a>
          </Paragraph>
          {list(g.items, g.base)}
        </Section>
      ))}
    </Layout>
  );
}
