import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type LocalizedText, pickText } from '../../domain/catalogue.js';
import { GAIN_DIRECTIONS, GAIN_UNITS, type GainUnit } from '../../domain/collaboration.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, ChoiceField, DefinitionList, PageHeader, Section, SelectField, TextAreaField, TextField } from '../../web/components.js';
import { lines } from '../../web/charts/builders.js';
import { ChartFigure } from '../../web/charts/ChartFigure.js';
import { renderChartSvg } from '../../web/charts/svg.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { errorMap, type Errors, ErrorSummary, FormBody, formState, type FormValues, Notice, OkQuery, one, PostButton, PostForm } from '../../web/forms.js';
import { parseTableFile, sendTable } from '../../web/export/send.js';
import { fileSlug, type StatTable } from '../../web/export/table.js';
import { type Formatters, formatters, messages, type Messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { actorOf } from '../../server/actor.js';

import { createIndicator, recordMeasurement, removeMeasurement, updateIndicator } from './commands.js';
import { mayGain } from './policy.js';
import { type GainIndicatorRow, gainsOfService, serviceForGains } from './queries.js';
import { parseIndicatorInput } from './schema.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 120 }) });
type Service = { id: string; slug: string; name: LocalizedText; providerId: string };

export async function registerGainPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const load = async (req: FastifyRequest, slug: string): Promise<Service> => {
    const t = messages[req.lang];
    const s = await serviceForGains(db, slug);
    if (!s) throw new HttpProblem(404, t.errors.unknownService(slug));
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    if (!mayGain(req.principal, 'edit', s)) throw new HttpProblem(403, t.access.notYourProvider, { roles: ['provider_editor', 'admin'] });
    return s;
  };
  const show = async (req: FastifyRequest, reply: FastifyReply, s: Service, state: { ok?: string | undefined; errors?: Errors; form?: string; values?: FormValues }, status = 200) =>
    sendPage(req, reply, <ManageGainsPage s={s} indicators={await gainsOfService(db, s.id)} {...state} />, status);

  /** A gain figure's table, as on the service's page (public): /tjenester/<slug>/tabeller/gevinst-<indicator>.csv|xlsx. */
  app.get('/tjenester/:slug/tabeller/:file', { schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 120 }), file: Type.String({ maxLength: 100 }) }) } }, async (req, reply) => {
    const t = messages[req.lang];
    const file = parseTableFile(req.params.file);
    if (!file) throw new HttpProblem(404, t.errors.unknownExportFormat);
    const s = await serviceForGains(db, req.params.slug);
    if (!s) throw new HttpProblem(404, t.errors.unknownService(req.params.slug));
    const indicators = await gainsOfService(db, s.id);
    const i = indicators.find((x) => `gevinst-${x.id}` === file.id);
    if (!i) throw new HttpProblem(404, `${t.errors.unknownTable(file.id)} (${indicators.map((x) => `gevinst-${x.id}`).join(', ')})`);
    const name = pickText(i.name, req.lang).text;
    return sendTable(reply, gainTable(t, formatters(req.lang), i, name), file.format, req.lang, `gevinster-${s.slug}-${fileSlug(name)}`);
  });

  app.get('/tjenester/:slug/gevinster', { schema: { hide: true, params: SlugParams, querystring: OkQuery } }, async (req, reply) => show(req, reply, await load(req, req.params.slug), { ok: req.query.ok }));

  /** A form post: run, back to the page (PRG) at the form's place; a 400 shows the page with that form's errors. */
  const post = (path: string, formOf: (params: Record<string, string>) => string, run: (req: FastifyRequest, s: Service, params: Record<string, string>, body: FormValues) => Promise<string>) =>
    app.post(path, { schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 120 }), indicator: Type.Optional(Type.String({ maxLength: 60 })) }), body: FormBody } }, async (req, reply) => {
      const params = req.params as Record<string, string>;
      const s = await load(req, params.slug!);
      const body = req.body as FormValues;
      const form = formOf(params);
      try {
        const ok = await run(req, s, params, body);
        return reply.redirect(`${prefix(req)}/tjenester/${s.slug}/gevinster?ok=${ok}#${form}`, 303);
      } catch (e) {
        if (e instanceof HttpProblem && e.status === 400) return show(req, reply, s, { errors: e.extra.errors ?? [{ field: 'form', message: e.detail }], form, values: body }, 400);
        throw e;
      }
    });
  post('/tjenester/:slug/gevinster', () => 'new', async (req, s, _p, b) => {
    await createIndicator(db, actorOf(req, deps), s.slug, parseIndicatorInput(b, req.lang), req.lang);
    return 'created';
  });
  post('/tjenester/:slug/gevinster/:indicator', (p) => `edit-${p.indicator}`, async (req, s, p, b) => {
    await updateIndicator(db, actorOf(req, deps), s.slug, p.indicator!, parseIndicatorInput(b, req.lang), req.lang);
    return 'updated';
  });
  post('/tjenester/:slug/gevinster/:indicator/resultat', (p) => `record-${p.indicator}`, async (req, s, p, b) => {
    const outcome = await recordMeasurement(db, actorOf(req, deps), s.slug, p.indicator!, one(b.period) ?? '', { value: one(b.value), note: one(b.note) }, req.lang);
    return outcome === 'created' ? 'recorded' : outcome;
  });
  post('/tjenester/:slug/gevinster/:indicator/resultat/fjern', (p) => `record-${p.indicator}`, async (req, s, p, b) => {
    await removeMeasurement(db, actorOf(req, deps), s.slug, p.indicator!, one(b.period) ?? '', req.lang);
    return 'removed';
  });
}

/** A value in its unit, in words: "412 kr", "3,5 timer", "85 %". */
export function formatGain(t: Messages, number: (n: number) => string, unit: GainUnit, value: number): string {
  return t.gain.format[unit](number(value));
}

/** An indicator's baseline and results as a table: the figure's data table and its CSV/XLSX download. */
export function gainTable(t: Messages, fmt: Formatters, i: GainIndicatorRow, name: string): StatTable {
  return {
    id: `gevinst-${i.id}`,
    title: t.gain.tableCaption(name),
    columns: [
      { key: 'period', label: t.gain.period, type: 'date' },
      { key: 'value', label: t.gain.valueIn(t.gain.unitName[i.unit]), type: 'number' },
      { key: 'change', label: t.gain.change, type: 'number' },
      { key: 'ratio', label: t.gain.changeShare, type: 'percent' },
    ],
    rows: [[t.gain.baselineRow(fmt.date(i.baselinePeriod)), i.baselineValue, null, null], ...i.measurements.map((m) => [m.period, m.value, m.change, m.ratio])],
  };
}

/** One indicator as a line chart from its baseline (dashed) with its numbers, and the baseline's description, source and method. */
export function GainChart({ i, slug }: { i: GainIndicatorRow; slug: string }) {
  const { t, fmt } = usePage();
  const text = useText();
  const href = useHref();
  const value = (v: number) => formatGain(t, fmt.number, i.unit, v);
  const name = text(i.name);
  const latest = i.latest;
  const summary = latest
    ? t.gain.summary(value(i.baselineValue), fmt.date(i.baselinePeriod), value(latest.value), fmt.date(latest.period), latest.ratio === null ? null : fmt.percent(Math.abs(latest.ratio)), latest.gain === null ? 'same' : latest.gain ? 'gain' : 'loss', latest.change < 0 ? 'lower' : 'higher')
    : t.gain.summaryBaselineOnly(value(i.baselineValue), fmt.date(i.baselinePeriod));
  const id = `gain-${i.id}`;
  const svg = renderChartSvg(
    lines({
      labels: [i.baselinePeriod, ...i.measurements.map((m) => m.period)].map((p) => fmt.date(p)),
      series: [{ name, values: [i.baselineValue, ...i.measurements.map((m) => m.value)] }],
      reference: { value: i.baselineValue, label: t.gain.baseline },
      endLabels: false,
      format: (n) => fmt.number(n),
    }),
    { width: 600, height: 260 },
    { prefix: id, labelledBy: `${id}-title`, describedBy: `${id}-desc` },
  );
  return (
    <ChartFigure id={id} title={`${name} (${t.gain.unitName[i.unit]})`} summary={summary} svg={svg} table={gainTable(t, fmt, i, name)} download={{ path: href(`/tjenester/${slug}`), query: '' }} stacked>
      <DefinitionList
        items={[
          { term: t.gain.baselineDescription, value: <Text value={i.baselineDescription} /> },
          { term: t.gain.betterWhen, value: t.gain.betterWhenLong[i.betterWhen] },
          { term: t.gain.source, value: i.source },
          { term: t.gain.method, value: i.method },
        ]}
      />
    </ChartFigure>
  );
}

function IndicatorForm({ id, action, values, errors, button }: { id: string; action: string; values: FormValues; errors: Errors; button: string }) {
  const { t } = usePage();
  const { e, v } = formState(values, errors);
  return (
    <PostForm action={action} id={`${id}-form`}>
      <ErrorSummary errors={errors} fieldId={(f) => `${id}-${f}`} />
      <TextField id={`${id}-name`} name="name" label={t.gain.name} description={t.gain.nameHelp} value={v('name')} error={e.name} maxLength={200} />
      <TextField id={`${id}-nameEn`} name="nameEn" label={t.gain.nameEn} value={v('nameEn')} maxLength={200} />
      <SelectField id={`${id}-unit`} name="unit" label={t.gain.unitLabel} value={v('unit')} error={e.unit} options={GAIN_UNITS.map((u) => ({ value: u, label: t.gain.unitName[u] }))} />
      <ChoiceField id={`${id}-betterWhen`} name="betterWhen" legend={t.gain.betterWhen} value={v('betterWhen')} error={e.betterWhen} options={GAIN_DIRECTIONS.map((d) => ({ value: d, label: t.gain.betterWhenLong[d] }))} />
      <div className="field-pair">
        <TextField id={`${id}-baselineValue`} name="baselineValue" label={t.gain.baselineValue} value={v('baselineValue')} error={e.baselineValue} inputMode="text" maxLength={30} />
        <TextField id={`${id}-baselinePeriod`} name="baselinePeriod" label={t.gain.baselinePeriod} description={t.gain.periodHelp} value={v('baselinePeriod')} error={e.baselinePeriod} maxLength={10} />
      </div>
      <TextAreaField id={`${id}-baselineDescription`} name="baselineDescription" label={t.gain.baselineDescription} description={t.gain.baselineDescriptionHelp} value={v('baselineDescription')} error={e.baselineDescription} maxLength={2000} rows={3} />
      <TextField id={`${id}-source`} name="source" label={t.gain.source} description={t.gain.sourceHelp} value={v('source')} error={e.source} maxLength={500} />
      <TextAreaField id={`${id}-method`} name="method" label={t.gain.method} description={t.gain.methodHelp} value={v('method')} error={e.method} maxLength={2000} rows={3} />
      <Button type="submit" variant="secondary">
        {button}
      </Button>
    </PostForm>
  );
}

const indicatorValues = (i: GainIndicatorRow): FormValues => ({
  name: i.name.nb,
  nameEn: i.name.en ?? '',
  unit: i.unit,
  betterWhen: i.betterWhen,
  baselineValue: String(i.baselineValue),
  baselinePeriod: i.baselinePeriod,
  baselineDescription: i.baselineDescription.nb,
  source: i.source,
  method: i.method,
});

function ManageGainsPage({ s, indicators, ok, errors = [], form, values = {} }: { s: Service; indicators: GainIndicatorRow[]; ok?: string | undefined; errors?: Errors; form?: string | undefined; values?: FormValues }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const name = text(s.name);
  const title = t.gain.manageTitle(name);
  const base = href(`/tjenester/${s.slug}/gevinster`);
  return (
    <Layout title={title} section="services">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.nav.services, href: href('/tjenester') }, { label: name, href: href(`/tjenester/${s.slug}`) }, { label: t.gain.title }]} />
      <PageHeader title={title} lead={t.gain.manageLead}>
        <Paragraph>
          <a href={href(`/tjenester/${s.slug}/utgangspunkt`)}>{t.baseline.link}</a>
        </Paragraph>
      </PageHeader>
      <Notice text={ok ? (t.gain.done as Record<string, string>)[ok] : undefined} />
      {indicators.length === 0 ? <Paragraph>{t.gain.none}</Paragraph> : null}
      {indicators.map((i) => (
        <Section key={i.id} title={<Text value={i.name} />} id={`indicator-${i.id}`}>
          <GainChart i={i} slug={s.slug} />
          <div className="action-card" id={`record-${i.id}`}>
            <Heading level={3} data-size="2xs">
              {t.gain.record}
            </Heading>
            {form === `record-${i.id}` ? <ErrorSummary errors={errors} fieldId={(f) => `record-${i.id}-${f}`} /> : null}
            <PostForm action={`${base}/${i.id}/resultat`} className="follow-up-form">
              <TextField id={`record-${i.id}-period`} name="period" label={t.gain.period} description={t.gain.periodHelp} maxLength={10} value={form === `record-${i.id}` ? one(values.period) : undefined} error={form === `record-${i.id}` ? errorMap(errors).period : undefined} />
              <TextField id={`record-${i.id}-value`} name="value" label={t.gain.valueIn(t.gain.unitName[i.unit])} maxLength={30} value={form === `record-${i.id}` ? one(values.value) : undefined} error={form === `record-${i.id}` ? errorMap(errors).value : undefined} />
              <TextField id={`record-${i.id}-note`} name="note" label={t.gain.note} maxLength={1000} value={form === `record-${i.id}` ? one(values.note) : undefined} />
              <Button type="submit" variant="secondary">
                {t.gain.recordButton}
              </Button>
            </PostForm>
            {i.measurements.length > 0 ? (
              <ul className="link-list">
                {i.measurements.map((m) => (
                  <li key={m.period}>
                    {fmt.date(m.period)}: {formatGain(t, fmt.number, i.unit, m.value)}{' '}
                    <PostButton action={`${base}/${i.id}/resultat/fjern`} label={t.gain.remove(fmt.date(m.period))} variant="tertiary" hidden={{ period: m.period }} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <details className="ds-details" id={`edit-${i.id}`} open={form === `edit-${i.id}`}>
            <summary>{t.gain.editIndicator}</summary>
            <IndicatorForm id={`edit-${i.id}`} action={`${base}/${i.id}`} values={form === `edit-${i.id}` ? values : indicatorValues(i)} errors={form === `edit-${i.id}` ? errors : []} button={t.gain.save} />
          </details>
        </Section>
      ))}
      <Section title={t.gain.addIndicator} id="new">
        <Paragraph>{t.gain.addLead}</Paragraph>
        <IndicatorForm id="new" action={base} values={form === 'new' ? values : { betterWhen: 'lower', unit: 'nok' }} errors={form === 'new' ? errors : []} button={t.gain.addButton} />
      </Section>
    </Layout>
  );
}
