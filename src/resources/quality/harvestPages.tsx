import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { isAdmin } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, DataTable, PageHeader, SelectField, Section, TextField } from '../../web/components.js';
import { Text, useHref, usePage } from '../../web/context.js';
import { CsrfField, ErrorSummary, FormBody, type FormValues, Notice, one } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { providerOptions } from '../shared/queries.js';
import { harvestOverview, harvestProvider, registerHarvestSource } from './harvest.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 120 }) });
const Query = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 40 })), run: Type.Optional(Type.String({ maxLength: 400 })) });

/** DFØ's page for harvested catalogues: register a provider's URL, harvest now, see the latest run of each. */
export async function registerHarvestPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const admin = (req: FastifyRequest) => {
    if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
    if (!isAdmin(req.principal)) throw new HttpProblem(403, messages[req.lang].harvest.adminOnly);
  };
  const show = async (req: FastifyRequest, notice?: string, error?: string, status = 200, values: FormValues = {}) => {
    const [sources, options] = await Promise.all([harvestOverview(db), providerOptions(db)]);
    return { page: <HarvestPage sources={sources} providers={options} notice={notice} error={error} values={values} />, status };
  };
  app.get('/admin/innhenting', { schema: { hide: true, querystring: Query } }, async (req, reply) => {
    admin(req);
    const t = messages[req.lang].harvest;
    const { page } = await show(req, req.query.ok === 'saved' ? t.saved : req.query.run);
    return sendPage(req, reply, page);
  });
  app.post('/admin/innhenting', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    admin(req);
    const body = req.body as FormValues;
    try {
      await registerHarvestSource(db, actorOf(req, deps), one(body.provider) ?? '', one(body.url) ?? '', req.lang);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) {
        const { page } = await show(req, undefined, e.detail, 400, body);
        return sendPage(req, reply, page, 400);
      }
      throw e;
    }
    return reply.redirect(`${prefix(req)}/admin/innhenting?ok=saved`, 303);
  });
  app.post('/admin/innhenting/:slug/hent', { schema: { hide: true, params: Params, body: FormBody } }, async (req, reply) => {
    admin(req);
    const result = await harvestProvider(db, actorOf(req, deps), req.params.slug, req.lang);
    return reply.redirect(`${prefix(req)}/admin/innhenting?run=${encodeURIComponent(`${req.params.slug}: ${result.message}`.slice(0, 390))}`, 303);
  });
}

type Source = Awaited<ReturnType<typeof harvestOverview>>[number];

function HarvestPage({ sources, providers, notice, error, values }: { sources: Source[]; providers: { slug: string; name: Source['providerName'] }[]; notice?: string | undefined; error?: string | undefined; values: FormValues }) {
  const { t, fmt, lang } = usePage();
  const href = useHref();
  const h = t.harvest;
  return (
    <Layout title={h.title} section="mine" description={h.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: h.title }]} />
      <PageHeader title={h.title} lead={h.lead} />
      <Notice text={notice} />
      <ErrorSummary errors={error ? [{ field: 'url', message: error }] : []} fieldId={() => 'harvest-url'} />
      <Section id="kataloger" title={h.sources}>
        {sources.length === 0 ? (
          <Paragraph>{h.none}</Paragraph>
        ) : (
          <DataTable caption={h.sources} captionHidden columns={[h.provider, h.url, h.lastRun, '']}>
            {sources.map((s) => (
              <tr key={s.providerSlug}>
                <th scope="row">
                  <Text value={s.providerName} />
                </th>
                <td>{s.url}</td>
                <td>
                  {s.status ? `${h.status[s.status]}${s.finishedAt ? `, ${fmt.dateTime(s.finishedAt)}` : ''}` : h.never}
                  {s.message ? <span className="block muted">{s.message}</span> : null}
                  {s.problems?.length ? (
                    <ul>
                      {s.problems.slice(0, 10).map((p, i) => (
                        <li key={i}>{p.reason}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>
                  <form method="post" action={href(`/admin/innhenting/${s.providerSlug}/hent`)} className="inline-form">
                    <CsrfField />
                    <Button type="submit" variant="secondary" data-size="sm" aria-label={h.harvestNowFor(s.providerName[lang] ?? s.providerName.nb)}>
                      {h.harvestNow}
                    </Button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      <Section id="registrer" title={h.registerHeading}>
        <form method="post" action={href('/admin/innhenting')}>
          <CsrfField />
          <SelectField id="harvest-provider" name="provider" label={h.provider} value={one(values.provider)} options={providers.map((p) => ({ value: p.slug, label: p.name[lang] ?? p.name.nb }))} />
          <TextField id="harvest-url" name="url" label={h.url} value={one(values.url)} error={error} />
          <Button type="submit">{h.register}</Button>
        </form>
      </Section>
    </Layout>
  );
}
