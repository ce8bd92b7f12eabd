import { Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { agencyScopes, isAdmin, ministryScopes, providerScopes } from '../../domain/principal.js';
import type { QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf, type SizeThresholds } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, OrgLink, PageHeader, Section } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { type Errors, ErrorSummary, formBody, Notice } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { answersFromForm } from '../../web/questionnaireFields.js';
import { prefix, sendPage } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { requirePrincipal } from '../../auth/plugin.js';
import { sizeClassText } from '../agencies/sizeClassText.js';
import { endUsage, registerUsage } from '../usage/commands.js';
import { loadMineCollaboration, type MineCollaboration, MineCollaborationSection } from '../collaboration/mine.js';
import { addLocation, declareServiceOptOut, removeLocation, setInHouseAreas, updateProfile, withdrawServiceOptOut } from './commands.js';
import { mayAgency } from './policy.js';
import { agencyNamesOf, type AgencyRow, getAgency, loadMinePage, loadSelfService, type SelfServiceData, type ServiceOptOutOfMine } from './queries.js';
import { answerLine, sectionContext } from './sections/context.js';
import { DeclarationsSection } from './sections/declarations.js';
import { InHouseSection } from './sections/inHouse.js';
import { LocationsSection } from './sections/locations.js';
import { OptOutsSection } from './sections/optOuts.js';
import { ProfileSection } from './sections/profile.js';
import { UsageSection } from './sections/usage.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { listUsage } from '../usage/queries.js';
import { usageTable } from '../usage/tables.js';
import { TextLink, ProviderLink, ServiceLink } from '../../web/components/links.js';
import { ListSection, PathLinks } from '../../web/components/lists.js';
import { RowTable } from '../../web/components/rowTable.js';

const OrgParams = Type.Object({ orgnr: Type.String({ maxLength: 40 }) });
const FormBody = formBody({ maxLength: 5000, list: { maxLength: 200, maxItems: 50 } });

export async function registerMyAgencyPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/min-side', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const orgnrs = [...agencyScopes(p), ...ministryScopes(p)];
    const [orgs, mine, collaboration] = await Promise.all([agencyNamesOf(db, orgnrs), loadMinePage(db, providerScopes(p)), loadMineCollaboration(db, p, (deps.clock ?? (() => new Date()))())]);
    const name = (o: string) => orgs.find((x) => x.orgnr === o)?.name ?? { nb: formatOrgnr(o) };
    return sendPage(
      req,
      reply,
      <MinePage
        agencies={agencyScopes(p).map((o) => ({ orgnr: o, name: name(o) }))}
        ministries={ministryScopes(p).map((o) => ({ orgnr: o, name: name(o) }))}
        providers={mine.providers}
        admin={isAdmin(p)}
        optOuts={mine.optOuts}
        optOutDefinition={mine.optOutDefinition}
        collaboration={collaboration}
      />,
    );
  });

  /** The agency whose self-service page this is, if the signed-in person may read it. */
  const readable = async (req: FastifyRequest, orgnrRaw: string) => {
    const orgnr = requireOrgnr(orgnrRaw, req.lang, 'orgnr');
    const t = messages[req.lang];
    const a = await getAgency(db, orgnr);
    if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
    requirePrincipal(req);
    if (!mayAgency(req.principal, 'read', a)) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
    return { orgnr, a };
  };

  registerTableDownloads(
    app,
    '/min-side/virksomhet/:orgnr',
    { querystring: Type.Object({}), params: OrgParams },
    async (req) => {
      const { orgnr } = await readable(req, (req.params as { orgnr: string }).orgnr);
      return { tables: [usageTable(await listUsage(db, orgnr), req.lang)], fileName: () => `bruksregister-${orgnr}` };
    },
    { signedIn: true },
  );

  const show = async (req: FastifyRequest, reply: FastifyReply, orgnrRaw: string, state: { errors?: Errors; form?: string; values?: Record<string, unknown>; ok?: string }, status = 200) => {
    const { orgnr, a } = await readable(req, orgnrRaw);
    const data = await loadSelfService(db, orgnr);
    return sendPage(
      req,
      reply,
      <AgencySelfServicePage
        a={a}
        edit={mayAgency(req.principal, 'edit', a)}
        data={data}
        thresholds={deps.config.sizeThresholds}
        {...state}
      />,
      status,
    );
  };

  app.get('/min-side/virksomhet/:orgnr', { schema: { hide: true, params: OrgParams, querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 30 })) }) } }, async (req, reply) =>
    show(req, reply, req.params.orgnr, { ok: req.query.ok }),
  );

  /** A form post: run the command, then back to the page (PRG) — or the page again with the errors, status 400/409. */
  const post = (path: string, form: string, run: (req: FastifyRequest, orgnr: string, body: Record<string, string>) => Promise<unknown>) =>
    app.post(path, { schema: { hide: true, params: Type.Object({ orgnr: Type.String({ maxLength: 40 }), id: Type.Optional(Type.String({ maxLength: 60 })) }), body: FormBody } }, async (req, reply) => {
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const body = req.body as Record<string, string>;
      try {
        await run(req, orgnr, body);
      } catch (e) {
        if (e instanceof HttpProblem && (e.status === 400 || e.status === 409 || (e.status === 404 && e.extra.errors))) {
          return show(req, reply, orgnr, { errors: e.extra.errors ?? [{ field: 'form', message: e.detail }], form, values: body }, e.status === 404 ? 400 : e.status);
        }
        throw e;
      }
      return reply.redirect(`${prefix(req)}/min-side/virksomhet/${orgnr}?ok=${form}#${form}`, 303);
    });

  post('/min-side/virksomhet/:orgnr/profil', 'profile', (req, orgnr, b) => updateProfile(db, actorOf(req, deps), orgnr, b, req.lang));
  post('/min-side/virksomhet/:orgnr/steder', 'locations', (req, orgnr, b) => addLocation(db, actorOf(req, deps), orgnr, b, req.lang));
  post('/min-side/virksomhet/:orgnr/steder/:id/fjern', 'locations', (req, orgnr) => removeLocation(db, actorOf(req, deps), orgnr, (req.params as { id?: string }).id ?? '', req.lang));
  post('/min-side/virksomhet/:orgnr/bruk', 'usage', (req, orgnr, b) => registerUsage(db, actorOf(req, deps), orgnr, { service: b.service ?? '', tier: b.tier || undefined, since: b.since }, req.lang));
  post('/min-side/virksomhet/:orgnr/bruk/avslutt', 'usage', (req, orgnr, b) => endUsage(db, actorOf(req, deps), orgnr, b.service ?? '', { endedOn: b.endedOn }, req.lang));
  post('/min-side/virksomhet/:orgnr/egne-omrader', 'inhouse', (req, orgnr, b) => setInHouseAreas(db, actorOf(req, deps), orgnr, (b as Record<string, unknown>).areas, req.lang));
  post('/min-side/virksomhet/:orgnr/fravalg', 'optouts', (req, orgnr, b) => declareServiceOptOut(db, actorOf(req, deps), orgnr, b.service ?? '', answersFromForm(b), req.lang));
  post('/min-side/virksomhet/:orgnr/fravalg/:id/trekk', 'optouts', (req, orgnr) => withdrawServiceOptOut(db, actorOf(req, deps), orgnr, (req.params as { id?: string }).id ?? '', req.lang));
}

function MinePage({
  agencies: orgs,
  ministries,
  providers: provs,
  admin,
  optOuts,
  optOutDefinition,
  collaboration,
}: {
  agencies: { orgnr: string; name: LocalizedText }[];
  ministries: { orgnr: string; name: LocalizedText }[];
  providers: { id: string; slug: string; name: LocalizedText }[];
  admin: boolean;
  optOuts: ServiceOptOutOfMine[];
  optOutDefinition: QuestionnaireDefinition | undefined;
  collaboration: MineCollaboration;
}) {
  const { t, user, fmt } = usePage();
  const text = useText();
  const href = useHref();
  const nothing = !orgs.length && !ministries.length && !provs.length && !admin;
  return (
    <Layout title={t.mine.title} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title }]} />
      <PageHeader title={t.mine.title} lead={t.mine.greeting(user?.name ?? '')} />
      {nothing ? <Paragraph>{t.mine.noRoles}</Paragraph> : null}
      <ListSection title={t.mine.yourAgencies} id="agencies" items={orgs} keyOf={(o) => o.orgnr} item={(o) => (
        <>
          <TextLink path={`/min-side/virksomhet/${o.orgnr}`} value={o.name} />{' '}
          <span className="muted">{formatOrgnr(o.orgnr)}</span>
        </>
      )}>
        <Paragraph>
          <a href={href('/anskaffelser')}>{t.mine.seeProcurements}</a>
        </Paragraph>
      </ListSection>
      <ListSection title={t.mine.yourProviders} id="providers" items={provs} keyOf={(p) => p.id} item={(p) => (
        <>
          <ProviderLink provider={p} />
          {' · '}
          <a href={href(`/min-side/leverandor/${p.slug}/ikke-bruk`)}>{t.nonUse.followUpLink}</a>
          {' · '}
          <a href={href(`/leverandorer/${p.slug}/rediger`)}>{t.catalogueKeeping.edit}</a>
          {' · '}
          <a href={href(`/leverandorer/${p.slug}/kundeliste`)}>{t.usageImport.uploadLink}</a>
        </>
      )}>
        <Paragraph>
          <a href={href('/anskaffelser')}>{t.mine.manageProcurements}</a> · <a href={href('/admin/logg')}>{t.audit.title}</a> · <a href={href('/kvalitet')}>{t.quality.title}</a> · <a href={href('/kvalitet/utkast')}>{t.catalogueKeeping.queue.title}</a>
        </Paragraph>
        <Section title={t.mine.optOutsOfYours} id="opt-outs-of-yours" level={3}>
          <RowTable caption={t.mine.optOutsOfYours} columns={[t.agency.service, t.agency.name, t.ministry.reason, t.declaration.submitted]} rows={optOutDefinition ? optOuts : []} none={t.mine.noOptOutsOfYours} rowKey={(o) => o.id} head={(o) => <ServiceLink service={o.service} />} cells={(o) => (
            <>
              <td>
                <OrgLink org={o.agency} />
              </td>
              <td>{answerLine(optOutDefinition!, o.answers, text, fmt.number)}</td>
              <td className="nowrap">{fmt.date(o.declaredAt)}</td>
            </>
          )} />
        </Section>
      </ListSection>
      <ListSection title={t.mine.yourMinistries} id="ministries" items={ministries} keyOf={(m) => m.orgnr} item={(m) => <TextLink path={`/min-side/departement/${m.orgnr}`} value={m.name} />} />
      <MineCollaborationSection c={collaboration} />
      {admin ? (
        <Section title={t.admin.title} id="admin">
          <PathLinks
            links={[
              ['/admin/roller', t.admin.rolesTitle],
              ['/admin/logg', t.audit.title],
              ['/anskaffelser', t.procurement.title],
              ['/kvalitet', t.quality.title],
              ['/admin/innhenting', t.harvest.title],
              ['/admin/katalog', t.catalogueKeeping.title],
              ['/kvalitet/utkast', t.catalogueKeeping.queue.title],
            ]}
          />
        </Section>
      ) : null}
    </Layout>
  );
}

interface SelfServiceProps {
  a: AgencyRow;
  edit: boolean;
  data: SelfServiceData;
  thresholds: SizeThresholds;
  errors?: Errors;
  form?: string;
  values?: Record<string, unknown>;
  ok?: string;
}

/** The agency's self-service: a section per thing it keeps (sections/), each with its own form. */
function AgencySelfServicePage({ a, edit, data, thresholds, errors = [], form, values, ok }: SelfServiceProps) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const name = text(a.name);
  const s = sectionContext(a, edit, { errors, form, values });
  return (
    <Layout title={name} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: name }]} />
      <PageHeader title={name} lead={`${t.common.orgnr} ${formatOrgnr(a.orgnr)} · ${sizeClassText(t, sizeClassOf(a.employees, thresholds), thresholds)}`} />
      <Notice text={ok ? t.mine.saved : undefined} />
      {form ? <ErrorSummary errors={errors} fieldId={(f) => (f.startsWith('answers.') ? `q-${f.slice(8)}` : `${form}-${f}`)} /> : null}
      <nav aria-label={t.mine.sections} className="section-nav">
        <ul>
          <li><a href="#profile">{t.mine.profile}</a></li>
          <li><a href="#locations">{t.mine.locations}</a></li>
          <li><a href="#usage">{t.usage.title}</a></li>
          <li><a href="#inhouse">{t.mine.inHouse}</a></li>
          <li><a href="#optouts">{t.mine.optOuts}</a></li>
          <li><a href="#declarations">{t.mine.declarations}</a></li>
          <li><a href={href(`/admin/logg?virksomhet=${a.orgnr}`)}>{t.audit.title}</a></li>
          <li><a href={href(`/virksomheter/${a.orgnr}/hva-kan-vi-bruke`)}>{t.stats.recommendations.title}</a></li>
        </ul>
      </nav>
      <ProfileSection s={s} />
      <LocationsSection s={s} locations={data.locations} />
      <UsageSection s={s} usage={data.usage} services={data.services} tiers={data.tiers} />
      <InHouseSection s={s} areas={data.areas} inHouse={data.inHouse} />
      <OptOutsSection s={s} optOuts={data.optOuts} definition={data.optOutDefinition} services={data.services} />
      <DeclarationsSection s={s} declarations={data.declarations} />
    </Layout>
  );
}
