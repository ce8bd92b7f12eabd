import { Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { agencies, agencyInHouseAreas, agencyLocations, areas, providers, serviceOptOuts, services, tiers } from '../../db/schema/index.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { agencyScopes, isAdmin, ministryScopes, providerScopes } from '../../domain/principal.js';
import { answerLabel, type QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { sizeClassOf } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, ChoiceField, DataTable, OrgLink, PageHeader, Section, SelectField, TextField } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { errorMap, type Errors, ErrorSummary, formBody, Notice, PostButton, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { answersFromForm, QuestionnaireFields } from '../../web/questionnaireFields.js';
import { prefix, sendPage } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { requirePrincipal } from '../../auth/plugin.js';
import { declarationsAcrossProcurements } from '../declarations/queries.js';
import { StateTag } from '../procurements/pages.js';
import { sizeClassText } from '../agencies/sizeClassText.js';
import { endUsage, registerUsage } from '../usage/commands.js';
import { listUsage, type UsageRow } from '../usage/queries.js';
import { loadMineCollaboration, type MineCollaboration, MineCollaborationSection } from '../collaboration/mine.js';
import { addLocation, declareServiceOptOut, removeLocation, setInHouseAreas, updateProfile, withdrawServiceOptOut } from './commands.js';
import { mayAgency } from './policy.js';

const OrgParams = Type.Object({ orgnr: Type.String({ maxLength: 40 }) });
const FormBody = formBody({ maxLength: 5000, list: { maxLength: 200, maxItems: 50 } });

export async function registerMyAgencyPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/min-side', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const orgnrs = [...agencyScopes(p), ...ministryScopes(p)];
    const orgs = orgnrs.length ? await db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(inArray(agencies.orgnr, orgnrs)) : [];
    const provs = providerScopes(p).length ? await db.select({ id: providers.id, slug: providers.slug, name: providers.name }).from(providers).where(inArray(providers.id, providerScopes(p))) : [];
    const name = (o: string) => orgs.find((x) => x.orgnr === o)?.name ?? { nb: formatOrgnr(o) };
    // Providers learn why agencies stay away from their services (voluntary non-use with a reason).
    const [optOutsOfMine, optOutQuestionnaire] = provs.length
      ? await Promise.all([
          db
            .select({ id: serviceOptOuts.id, answers: serviceOptOuts.answers, declaredAt: serviceOptOuts.declaredAt, service: { slug: services.slug, name: services.name }, agency: { orgnr: agencies.orgnr, name: agencies.name } })
            .from(serviceOptOuts)
            .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
            .innerJoin(agencies, eq(agencies.orgnr, serviceOptOuts.agencyOrgnr))
            .where(and(inArray(services.providerId, provs.map((x) => x.id)), isNull(serviceOptOuts.withdrawnAt)))
            .orderBy(asc(services.slug)),
          currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out),
        ])
      : [[], undefined];
    return sendPage(
      req,
      reply,
      <MinePage
        agencies={agencyScopes(p).map((o) => ({ orgnr: o, name: name(o) }))}
        ministries={ministryScopes(p).map((o) => ({ orgnr: o, name: name(o) }))}
        providers={provs}
        admin={isAdmin(p)}
        optOuts={optOutsOfMine}
        optOutDefinition={optOutQuestionnaire?.definition}
        collaboration={await loadMineCollaboration(db, p, (deps.clock ?? (() => new Date()))())}
      />,
    );
  });

  const show = async (req: FastifyRequest, reply: FastifyReply, orgnrRaw: string, state: { errors?: Errors; form?: string; values?: Record<string, unknown>; ok?: string }, status = 200) => {
    const orgnr = requireOrgnr(orgnrRaw, req.lang, 'orgnr');
    const t = messages[req.lang];
    const [a] = await db.select().from(agencies).where(eq(agencies.orgnr, orgnr));
    if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
    requirePrincipal(req);
    if (!mayAgency(req.principal, 'read', a)) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
    const [usage, locations, optOuts, q, serviceList, tierList, declared, areaList, inHouse] = await Promise.all([
      listUsage(db, orgnr),
      db.select().from(agencyLocations).where(eq(agencyLocations.agencyOrgnr, orgnr)).orderBy(asc(agencyLocations.createdAt)),
      db
        .select({ id: serviceOptOuts.id, answers: serviceOptOuts.answers, declaredAt: serviceOptOuts.declaredAt, declaredBy: serviceOptOuts.declaredBy, service: { slug: services.slug, name: services.name } })
        .from(serviceOptOuts)
        .innerJoin(services, eq(services.id, serviceOptOuts.serviceId))
        .where(and(eq(serviceOptOuts.agencyOrgnr, orgnr), isNull(serviceOptOuts.withdrawnAt))),
      currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out),
      db.select({ slug: services.slug, name: services.name }).from(services).orderBy(asc(services.slug)),
      db
        .select({ slug: tiers.slug, name: tiers.name, current: tiers.current, service: { slug: services.slug, name: services.name } })
        .from(tiers)
        .innerJoin(services, eq(services.id, tiers.serviceId))
        .orderBy(asc(services.slug), asc(tiers.sortOrder)),
      declarationsAcrossProcurements(db, { all: false, agencyOrgnrs: [orgnr], ministryOrgnrs: [] }),
      db.select({ slug: areas.slug, name: areas.name }).from(areas).orderBy(asc(areas.sortOrder), asc(areas.slug)),
      db
        .select({ areaSlug: agencyInHouseAreas.areaSlug, declaredOn: agencyInHouseAreas.declaredOn })
        .from(agencyInHouseAreas)
        .where(and(eq(agencyInHouseAreas.agencyOrgnr, orgnr), isNull(agencyInHouseAreas.endedOn))),
    ]);
    return sendPage(
      req,
      reply,
      <AgencySelfServicePage
        a={a}
        edit={mayAgency(req.principal, 'edit', a)}
        usage={usage}
        locations={locations}
        optOuts={optOuts}
        optOutDefinition={q!.definition}
        services={serviceList}
        tiers={tierList}
        declarations={declared}
        areas={areaList}
        inHouse={inHouse}
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
  optOuts: { id: string; answers: Record<string, string | number | string[]>; declaredAt: Date; service: { slug: string; name: LocalizedText }; agency: { orgnr: string; name: LocalizedText } }[];
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
      {orgs.length ? (
        <Section title={t.mine.yourAgencies} id="agencies">
          <ul className="link-list">
            {orgs.map((o) => (
              <li key={o.orgnr}>
                <a href={href(`/min-side/virksomhet/${o.orgnr}`)}>
                  <Text value={o.name} />
                </a>{' '}
                <span className="muted">{formatOrgnr(o.orgnr)}</span>
              </li>
            ))}
          </ul>
          <Paragraph>
            <a href={href('/anskaffelser')}>{t.mine.seeProcurements}</a>
          </Paragraph>
        </Section>
      ) : null}
      {provs.length ? (
        <Section title={t.mine.yourProviders} id="providers">
          <ul className="link-list">
            {provs.map((p) => (
              <li key={p.id}>
                <a href={href(`/leverandorer/${p.slug}`)}>
                  <Text value={p.name} />
                </a>
              </li>
            ))}
          </ul>
          <Paragraph>
            <a href={href('/anskaffelser')}>{t.mine.manageProcurements}</a> · <a href={href('/admin/logg')}>{t.audit.title}</a>
          </Paragraph>
          <Section title={t.mine.optOutsOfYours} id="opt-outs-of-yours" level={3}>
            {optOuts.length === 0 || !optOutDefinition ? (
              <Paragraph>{t.mine.noOptOutsOfYours}</Paragraph>
            ) : (
              <DataTable caption={t.mine.optOutsOfYours} captionHidden columns={[t.agency.service, t.agency.name, t.ministry.reason, t.declaration.submitted]}>
                {optOuts.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <a href={href(`/tjenester/${o.service.slug}`)}>
                        <Text value={o.service.name} />
                      </a>
                    </th>
                    <td>
                      <OrgLink org={o.agency} />
                    </td>
                    <td>
                      {optOutDefinition.questions
                        .filter((q) => o.answers[q.id] !== undefined)
                        .map((q) => answerLabel(q, o.answers[q.id]!, text))
                        .join(' – ')}
                    </td>
                    <td className="nowrap">{fmt.date(o.declaredAt)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
        </Section>
      ) : null}
      {ministries.length ? (
        <Section title={t.mine.yourMinistries} id="ministries">
          <ul className="link-list">
            {ministries.map((m) => (
              <li key={m.orgnr}>
                <a href={href(`/min-side/departement/${m.orgnr}`)}>
                  <Text value={m.name} />
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <MineCollaborationSection c={collaboration} />
      {admin ? (
        <Section title={t.admin.title} id="admin">
          <ul className="link-list">
            <li>
              <a href={href('/admin/roller')}>{t.admin.rolesTitle}</a>
            </li>
            <li>
              <a href={href('/admin/logg')}>{t.audit.title}</a>
            </li>
            <li>
              <a href={href('/anskaffelser')}>{t.procurement.title}</a>
            </li>
          </ul>
        </Section>
      ) : null}
    </Layout>
  );
}

interface SelfServiceProps {
  a: typeof agencies.$inferSelect;
  edit: boolean;
  usage: UsageRow[];
  locations: (typeof agencyLocations.$inferSelect)[];
  optOuts: { id: string; answers: Record<string, string | number | string[]>; declaredAt: Date; declaredBy: string; service: { slug: string; name: LocalizedText } }[];
  optOutDefinition: QuestionnaireDefinition;
  services: { slug: string; name: LocalizedText }[];
  tiers: TierOption[];
  declarations: Awaited<ReturnType<typeof declarationsAcrossProcurements>>;
  areas: { slug: string; name: LocalizedText }[];
  inHouse: { areaSlug: string; declaredOn: string }[];
  thresholds: import('../../domain/sizeClass.js').SizeThresholds;
  errors?: Errors;
  form?: string;
  values?: Record<string, unknown>;
  ok?: string;
}

function AgencySelfServicePage({ a, edit, usage, locations, optOuts, optOutDefinition, services: serviceList, tiers, declarations, areas: areaList, inHouse, thresholds, errors = [], form, values = {}, ok }: SelfServiceProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const name = text(a.name);
  const base = `/min-side/virksomhet/${a.orgnr}`;
  const errs = (f: string) => (form === f ? errorMap(errors) : {});
  const v = (f: string, k: string, fallback?: string | null) => (form === f ? (values[k] as string | undefined) : (fallback ?? undefined));
  const current = usage.filter((u) => u.endedOn === null);
  const history = usage.filter((u) => u.endedOn !== null);
  const serviceOptions = [{ value: '', label: t.usage.chooseService }, ...serviceList.map((s) => ({ value: s.slug, label: text(s.name) }))];
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
        </ul>
      </nav>

      <Section title={t.mine.profile} id="profile">
        {edit ? (
          <PostForm action={href(`${base}/profil`)}>
            <TextField id="profile-employees" name="employees" inputMode="numeric" label={t.agency.employees} description={t.mine.employeesHelp} value={v('profile', 'employees', a.employees?.toString())} error={errs('profile').employees} />
            <TextField id="profile-email" name="email" type="email" autoComplete="email" label={t.mine.contactEmail} description={t.mine.contactEmailHelp} value={v('profile', 'email', a.email)} error={errs('profile').email} />
            <TextField id="profile-phone" name="phone" type="tel" autoComplete="tel" label={t.common.phone} value={v('profile', 'phone', a.phone)} error={errs('profile').phone} />
            <Button type="submit">{t.mine.saveProfile}</Button>
          </PostForm>
        ) : (
          <Paragraph>{a.email ?? t.agency.notStated}</Paragraph>
        )}
      </Section>

      <Section title={t.mine.locations} id="locations">
        {locations.length === 0 ? <Paragraph>{t.mine.noLocations}</Paragraph> : null}
        <ul className="link-list">
          {locations.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong> {[l.address, [l.postalCode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}{' '}
              {edit ? <PostButton action={href(`${base}/steder/${l.id}/fjern`)} label={t.mine.removeLocation(l.name)} variant="tertiary" /> : null}
            </li>
          ))}
        </ul>
        {edit ? (
          <PostForm action={href(`${base}/steder`)}>
            <TextField id="locations-name" name="name" label={t.mine.locationName} value={v('locations', 'name')} error={errs('locations').name} maxLength={120} />
            <TextField id="locations-address" name="address" autoComplete="street-address" label={t.mine.address} value={v('locations', 'address')} maxLength={200} />
            <TextField id="locations-postalCode" name="postalCode" autoComplete="postal-code" inputMode="numeric" label={t.mine.postalCode} value={v('locations', 'postalCode')} error={errs('locations').postalCode} maxLength={4} />
            <TextField id="locations-city" name="city" autoComplete="address-level2" label={t.mine.city} value={v('locations', 'city')} maxLength={100} />
            <Button type="submit" variant="secondary">{t.mine.addLocation}</Button>
          </PostForm>
        ) : null}
      </Section>

      <Section title={t.usage.title} id="usage">
        <Paragraph>{t.usage.lead}</Paragraph>
        <DataTable caption={t.usage.current} columns={[t.agency.service, t.agency.tier, t.agency.since, t.usage.actions]}>
          {current.length === 0 ? (
            <tr>
              <td colSpan={4}>{t.agency.usesNone}</td>
            </tr>
          ) : (
            current.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <a href={href(`/tjenester/${u.service.slug}`)}>
                    <Text value={u.service.name} />
                  </a>
                </th>
                <td>{u.tier?.name ? <Text value={u.tier.name} /> : t.agency.notStated}</td>
                <td>{u.startedOn ? fmt.date(u.startedOn) : t.agency.notStated}</td>
                <td>
                  {edit ? (
                    <PostButton action={href(`${base}/bruk/avslutt`)} label={t.usage.end(text(u.service.name))} variant="tertiary" hidden={{ service: u.service.slug }} />
                  ) : null}
                </td>
              </tr>
            ))
          )}
        </DataTable>
        {edit ? (
          <PostForm action={href(`${base}/bruk`)}>
            <SelectField id="usage-service" name="service" label={t.usage.service} value={v('usage', 'service')} options={serviceOptions} error={errs('usage').service} />
            <TierSelect tiers={tiers} value={v('usage', 'tier')} error={errs('usage').tier} />
            <TextField id="usage-since" name="since" type="date" label={t.usage.since} description={t.usage.sinceHelp} value={v('usage', 'since')} error={errs('usage').since} />
            <Button type="submit" variant="secondary">{t.usage.register}</Button>
          </PostForm>
        ) : null}
        {history.length ? (
          <DataTable caption={t.usage.history} columns={[t.agency.service, t.agency.tier, t.usage.period, t.usage.endReason]}>
            {history.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Text value={u.service.name} />
                </th>
                <td>{u.tier?.name ? <Text value={u.tier.name} /> : '–'}</td>
                <td>
                  {u.startedOn ? fmt.date(u.startedOn) : '?'} – {u.endedOn ? fmt.date(u.endedOn) : ''}
                </td>
                <td>{u.endReason ?? '–'}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>

      <Section title={t.mine.inHouse} id="inhouse">
        <Paragraph>{t.mine.inHouseLead}</Paragraph>
        {edit ? (
          <PostForm action={href(`${base}/egne-omrader`)}>
            <ChoiceField
              id="inhouse-areas"
              name="areas"
              multiple
              legend={t.mine.inHouseLegend}
              options={areaList.map((ar) => {
                const since = inHouse.find((h) => h.areaSlug === ar.slug);
                return { value: ar.slug, label: since ? `${text(ar.name)} (${t.mine.inHouseSince(fmt.date(since.declaredOn))})` : text(ar.name) };
              })}
              value={form === 'inhouse' ? [values.areas ?? []].flat().map(String) : inHouse.map((h) => h.areaSlug)}
              error={errs('inhouse').areas}
            />
            <Button type="submit" variant="secondary">{t.mine.saveInHouse}</Button>
          </PostForm>
        ) : inHouse.length === 0 ? (
          <Paragraph>{t.mine.inHouseNone}</Paragraph>
        ) : (
          <ul className="link-list">
            {inHouse.map((h) => (
              <li key={h.areaSlug}>
                <Text value={areaList.find((ar) => ar.slug === h.areaSlug)?.name ?? { nb: h.areaSlug }} /> ({t.mine.inHouseSince(fmt.date(h.declaredOn))})
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t.mine.optOuts} id="optouts">
        <Paragraph>{t.mine.optOutsLead}</Paragraph>
        {optOuts.length === 0 ? <Paragraph>{t.mine.noOptOuts}</Paragraph> : null}
        <ul className="link-list">
          {optOuts.map((o) => (
            <li key={o.id}>
              <strong>
                <Text value={o.service.name} />
              </strong>
              :{' '}
              {optOutDefinition.questions
                .filter((q) => o.answers[q.id] !== undefined)
                .map((q) => answerLabel(q, o.answers[q.id]!, text))
                .join(' – ')}{' '}
              <span className="muted">({fmt.date(o.declaredAt)})</span>{' '}
              {edit ? <PostButton action={href(`${base}/fravalg/${o.id}/trekk`)} label={t.mine.withdrawOptOut(text(o.service.name))} variant="tertiary" /> : null}
            </li>
          ))}
        </ul>
        {edit ? (
          <PostForm action={href(`${base}/fravalg`)}>
            <SelectField id="optouts-service" name="service" label={t.usage.service} value={v('optouts', 'service')} options={serviceOptions} error={errs('optouts').service} />
            <QuestionnaireFields definition={optOutDefinition} values={form === 'optouts' ? Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith('q_')).map(([k, x]) => [k.slice(2), x])) : undefined} errors={errs('optouts')} />
            <Button type="submit" variant="secondary">{t.mine.declareOptOut}</Button>
          </PostForm>
        ) : null}
      </Section>

      <Section title={t.mine.declarations} id="declarations">
        {declarations.length === 0 ? <Paragraph>{t.declaration.noneYet}</Paragraph> : null}
        <ul className="link-list">
          {declarations.map((d) => (
            <li key={d.id}>
              <a href={href(`/anskaffelser/${d.procurement.id}/erklaering?virksomhet=${a.orgnr}`)}>
                <Text value={d.procurement.title} />
              </a>{' '}
              <StateTag state={d.procurement.status} />{' '}
              <Tag data-size="sm" data-color={d.withdrawnAt ? 'neutral' : 'success'}>
                {d.withdrawnAt ? t.declaration.withdrawnStatus : t.declaration.statusOf[d.kind]}
              </Tag>
            </li>
          ))}
        </ul>
      </Section>
    </Layout>
  );
}

type TierOption = { slug: string; name: LocalizedText; current: boolean; service: { slug: string; name: LocalizedText } };

/**
 * The service model, grouped by service (only a few services have models). Works without JavaScript: the command
 * refuses a model that does not belong to the chosen service, with a message saying so.
 */
function TierSelect({ tiers: list, value, error }: { tiers: TierOption[]; value: string | undefined; error: string | undefined }) {
  const { t } = usePage();
  const text = useText();
  const groups = list.reduce<Map<string, { name: LocalizedText; items: TierOption[] }>>((m, x) => {
    const g = m.get(x.service.slug) ?? { name: x.service.name, items: [] };
    g.items.push(x);
    return m.set(x.service.slug, g);
  }, new Map());
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor="usage-tier">
        {t.usage.tier}
      </label>
      <p className="ds-paragraph field-description" data-size="sm" id="usage-tier-desc">
        {t.usage.tierHelp}
      </p>
      <select className="ds-input" id="usage-tier" name="tier" defaultValue={value ?? ''} aria-describedby={error ? 'usage-tier-desc usage-tier-error' : 'usage-tier-desc'} aria-invalid={error ? true : undefined}>
        <option value="">{t.usage.noTier}</option>
        {[...groups.entries()].map(([slug, g]) => (
          <optgroup key={slug} label={text(g.name)}>
            {g.items.map((x) => (
              <option key={x.slug} value={x.slug}>
                {text(x.name)}
                {x.current ? '' : ` (${t.usage.legacyTier})`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p className="ds-validation-message field-error" id="usage-tier-error" data-color="danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
