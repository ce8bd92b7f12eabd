import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { services, subscriptions } from '../../db/schema/index.js';
import { BASELINE_MEASURES, type BaselineAggregate, type Measures } from '../../domain/agencyBaseline.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { agencyScopes } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, PageHeader, Section, TextField } from '../../web/components.js';
import { StatTableView } from '../../web/export/StatTableView.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { type Errors, ErrorSummary, FormBody, formState, type FormValues, Notice, OkQuery, PostForm, Refusal } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { agencyNames } from '../shared/queries.js';
import { registerTableDownloads } from '../shared/tableDownloads.js';
import { baselineOf, recordBaseline, recordResult, serviceBaselines } from './commands.js';
import { parseMeasured } from './schema.js';
import { baselineTable } from './table.js';

type Service = { id: string; slug: string; name: LocalizedText };
type Own = { orgnr: string; name: LocalizedText; row: Awaited<ReturnType<typeof baselineOf>> };
type Posted = { form: string; values: FormValues; errors: Errors; refusal?: string | undefined };

/** The page of a service's baselines and results per agency: public sums, and the forms for the agency's editors. */
export async function registerBaselinePages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const load = async (req: FastifyRequest, slug: string): Promise<Service> => {
    const [s] = await db.select({ id: services.id, slug: services.slug, name: services.name }).from(services).where(eq(services.slug, slug));
    if (!s) throw new HttpProblem(404, messages[req.lang].errors.unknownService(slug));
    return s;
  };
  const show = async (req: FastifyRequest, reply: FastifyReply, s: Service, ok: string | undefined, posted?: Posted, status = 200) => {
    const mine = agencyScopes(req.principal);
    const users = mine.length
      ? (await db.select({ orgnr: subscriptions.agencyOrgnr }).from(subscriptions).where(and(eq(subscriptions.serviceId, s.id), inArray(subscriptions.agencyOrgnr, mine), isNull(subscriptions.endedOn)))).map((r) => r.orgnr)
      : [];
    const names = await agencyNames(db, users);
    const own: Own[] = await Promise.all([...new Set(users)].sort().map(async (orgnr) => ({ orgnr, name: names(orgnr)?.name ?? { nb: orgnr }, row: await baselineOf(db, s.id, orgnr) })));
    const aggregate = await serviceBaselines(db, s.id, deps.config.sizeThresholds);
    return sendPage(req, reply, <BaselinePage s={s} aggregate={aggregate} own={own} ok={ok} posted={posted} />, status);
  };
  const Slug = Type.Object({ slug: Type.String({ maxLength: 120 }) });
  // The sums are public like the page; the download is the page's table, the small-group rule applied the same way.
  registerTableDownloads(app, '/tjenester/:slug/utgangspunkt', { querystring: Type.Object({}), params: Slug }, async (req) => {
    const s = await load(req, (req.params as { slug: string }).slug);
    return { tables: [baselineTable(s, await serviceBaselines(db, s.id, deps.config.sizeThresholds), req.lang)], fileName: () => `utgangspunkt-${s.slug}` };
  });
  app.get('/tjenester/:slug/utgangspunkt', { schema: { hide: true, params: Slug, querystring: OkQuery } }, async (req, reply) => show(req, reply, await load(req, req.params.slug), req.query.ok));

  for (const [path, kind] of [
    ['/tjenester/:slug/utgangspunkt/:orgnr', 'baseline'],
    ['/tjenester/:slug/utgangspunkt/:orgnr/resultat', 'result'],
  ] as const) {
    app.post(path, { schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 120 }), orgnr: Type.String({ maxLength: 9 }) }), body: FormBody } }, async (req, reply) => {
      const { slug, orgnr } = req.params as { slug: string; orgnr: string };
      const s = await load(req, slug);
      const body = req.body as Record<string, string>;
      const form = `${kind}-${orgnr}`;
      try {
        const input = parseMeasured(body, req.lang);
        if (kind === 'baseline') await recordBaseline(db, actorOf(req, deps), s.slug, orgnr, input, req.lang);
        else await recordResult(db, actorOf(req, deps), s.slug, orgnr, input, req.lang);
        return reply.redirect(`${prefix(req)}/tjenester/${s.slug}/utgangspunkt?ok=${kind}#${form}`, 303);
      } catch (e) {
        if (e instanceof HttpProblem && (e.status === 400 || e.status === 409)) {
          return show(req, reply, s, undefined, { form, values: body, errors: e.extra.errors ?? [], refusal: e.extra.errors ? undefined : e.detail }, e.status);
        }
        throw e;
      }
    });
  }
}

function BaselinePage({ s, aggregate, own, ok, posted }: { s: Service; aggregate: BaselineAggregate; own: Own[]; ok: string | undefined; posted: Posted | undefined }) {
  const { t, lang } = usePage();
  const href = useHref();
  const text = useText();
  const tb = t.baseline;
  const name = text(s.name);
  const table = baselineTable(s, aggregate, lang);
  return (
    <Layout title={`${tb.title} – ${name}`} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: name, href: href(`/tjenester/${s.slug}`) }, { label: tb.title }]} />
      <PageHeader title={tb.title} lead={tb.lead} />
      <Notice text={ok ? (tb.done as Record<string, string>)[ok] : undefined} />
      <Paragraph>{tb.counts(aggregate.withBaseline, aggregate.withResult)}</Paragraph>
      <Paragraph data-size="sm">{tb.rule}</Paragraph>
      {table.rows.length === 0 ? <Paragraph>{tb.none}</Paragraph> : <StatTableView table={table} download={{ path: href(`/tjenester/${s.slug}/utgangspunkt`), query: '' }} />}
      <Paragraph data-size="sm">
        <a href={`/api/v1/services/${s.slug}/baselines`}>JSON</a>
      </Paragraph>
      {own.map((o) => (
        <Section key={o.orgnr} title={tb.yours(text(o.name))} id={`own-${o.orgnr}`}>
          <MeasuredForm kind="baseline" slug={s.slug} orgnr={o.orgnr} current={o.row ? { period: o.row.baselinePeriod, measures: o.row.baseline, note: o.row.baselineNote } : undefined} posted={posted?.form === `baseline-${o.orgnr}` ? posted : undefined} />
          {o.row ? (
            <MeasuredForm kind="result" slug={s.slug} orgnr={o.orgnr} current={o.row.resultPeriod && o.row.result ? { period: o.row.resultPeriod, measures: o.row.result, note: o.row.resultNote } : undefined} posted={posted?.form === `result-${o.orgnr}` ? posted : undefined} />
          ) : null}
        </Section>
      ))}
    </Layout>
  );
}

function MeasuredForm({ kind, slug, orgnr, current, posted }: { kind: 'baseline' | 'result'; slug: string; orgnr: string; current: { period: string; measures: Measures; note: string | null } | undefined; posted: Posted | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const tb = t.baseline;
  const { e, v } = formState(posted?.values ?? {}, posted?.errors ?? []);
  const id = (f: string) => `${kind}-${orgnr}-${f}`;
  const value = (f: (typeof BASELINE_MEASURES)[number]) => v(f) ?? (current?.measures[f] !== undefined ? fmt.number(current.measures[f]!) : undefined);
  return (
    <div className="action-card" id={`${kind}-${orgnr}`}>
      <Heading level={3} data-size="2xs">
        {kind === 'baseline' ? tb.baselineHeading : tb.resultHeading}
      </Heading>
      <Refusal text={posted?.refusal} />
      <ErrorSummary errors={posted?.errors ?? []} fieldId={(f) => id(f === 'measures' ? BASELINE_MEASURES[0] : f)} />
      <PostForm action={href(`/tjenester/${slug}/utgangspunkt/${orgnr}${kind === 'result' ? '/resultat' : ''}`)}>
        <TextField id={id('period')} name="period" label={tb.period} value={v('period') ?? current?.period} required maxLength={10} error={e.period} />
        {BASELINE_MEASURES.map((m) => (
          <TextField key={m} id={id(m)} name={m} label={tb.measure[m]} inputMode="numeric" value={value(m)} maxLength={30} error={e[m] ?? (m === BASELINE_MEASURES[0] ? e.measures : undefined)} />
        ))}
        <TextField id={id('note')} name="note" label={tb.note} value={v('note') ?? current?.note ?? undefined} maxLength={1000} />
        <Button type="submit">{kind === 'baseline' ? tb.recordBaseline : tb.recordResult}</Button>
      </PostForm>
    </div>
  );
}
