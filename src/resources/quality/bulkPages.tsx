import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import { requireProviderActor } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, ChoiceField, FileField, PageHeader, PreviewedFile, Section } from '../../web/components.js';
import { parseTableFile, sendTable } from '../../web/export/send.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { providerBySlug } from '../shared/queries.js';
import { uploadedFile, withFileUploads } from '../shared/uploads.js';
import { type ApplyMode, applyBulk, BulkRejected, previewBulk } from './bulk.js';
import { catalogueTable, type PresentedBulk, presentBulk, rowsOf } from './routes.js';
import { UploadForm, UploadOutcome, type UploadPageProps, useUploadPage } from '../../web/components/uploadForm.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 120 }) });
const FileParams = Type.Object({ slug: Type.String({ maxLength: 120 }), file: Type.String({ maxLength: 100 }) });

/**
 * /leverandorer/<provider>/katalog: download the provider's entries, upload a corrected file (or CPSV-AP-NO Turtle),
 * see the preview, then save as drafts or publish. The confirmation posts the same file back (hidden), so nothing
 * is kept on the server between the two steps; the plan is computed again and applied in one transaction.
 */
export async function registerBulkPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const provider = async (req: FastifyRequest, slug: string) => {
    const p = await providerBySlug(db, slug);
    if (!p) throw new HttpProblem(404, messages[req.lang].errors.unknownProvider(slug));
    const { actor } = await requireProviderActor(req, p.slug);
    return { actor, p };
  };
  app.get('/leverandorer/:slug/katalog', { schema: { params: Params, hide: true } }, async (req, reply) => {
    const { p } = await provider(req, req.params.slug);
    return sendPage(req, reply, <BulkPage provider={p} />);
  });
  app.get('/leverandorer/:slug/katalog/tabeller/:file', { schema: { params: FileParams, hide: true } }, async (req, reply) => {
    const { actor, p } = await provider(req, req.params.slug);
    const file = parseTableFile(req.params.file);
    if (!file || file.id !== 'tjenester') throw new HttpProblem(404, messages[req.lang].errors.unknownExportFormat);
    return sendTable(reply, await catalogueTable(db, actor, p.slug, req.lang), file.format, req.lang, `katalog-${p.slug}`);
  });
  await withFileUploads(app, async (s) => {
    s.post('/leverandorer/:slug/katalog', { schema: { params: Params, hide: true }, bodyLimit: 8 * MAX_FILE_BYTES }, async (req, reply) => {
      const { actor, p } = await provider(req, req.params.slug);
      const t = messages[req.lang];
      const file = await uploadedFile(req);
      if (!file) return sendPage(req, reply, <BulkPage provider={p} error={t.usageImport.fileErrors.missingFile} />, 400);
      const retireMissing = file.fields.retire === 'missing';
      let read;
      try {
        read = await rowsOf(file, undefined, req.lang);
      } catch (e) {
        if (e instanceof HttpProblem && e.status === 422) return sendPage(req, reply, <BulkPage provider={p} error={e.detail} />, 422);
        throw e;
      }
      const { plan } = await previewBulk(db, actor, p.slug, read.rows, retireMissing, req.lang);
      const preview = presentBulk(plan, req.lang);
      const props = { provider: p, preview, file, retireMissing };
      const action = file.fields.action;
      if (action !== 'drafts' && action !== 'publish') return sendPage(req, reply, <BulkPage {...props} />, preview.errors.length ? 422 : 200);
      if (file.fields.expectedCounts !== JSON.stringify(preview.counts)) return sendPage(req, reply, <BulkPage {...props} changed />, 409);
      try {
        const { written } = await applyBulk(db, actor, p.slug, read.rows, { retireMissing, mode: action as ApplyMode }, req.lang);
        return sendPage(req, reply, <BulkPage provider={p} applied={written} />);
      } catch (e) {
        if (!(e instanceof BulkRejected)) throw e;
        return sendPage(req, reply, <BulkPage {...props} preview={presentBulk(plan, req.lang, e)} />, 422);
      }
    });
  });
}

interface BulkPageProps extends UploadPageProps<PresentedBulk> {
  retireMissing?: boolean | undefined;
}

function BulkPage({ provider, error, preview, file, retireMissing = false, changed, applied }: BulkPageProps) {
  const { t, href, text, action } = useUploadPage(provider, 'katalog');
  const b = t.bulk;
  const title = b.title(text(provider.name));
  const hasChanges = preview && preview.counts.create + preview.counts.change + preview.counts.retire > 0;
  return (
    <Layout title={title} section="providers" description={b.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: text(provider.name), href: href(`/leverandorer/${provider.slug}`) }, { label: b.title(text(provider.name)) }]} />
      <PageHeader title={title} lead={b.lead} />
      <UploadOutcome applied={applied !== undefined ? b.applied(applied) : undefined} error={error} fileId="catalogue-file" changed={changed ? b.changed : undefined} />
      {preview ? (
        <Section id="forhandsvisning" title={b.previewHeading}>
          <Paragraph>{b.counts(preview.counts.create, preview.counts.change, preview.counts.retire, preview.counts.unchanged)}</Paragraph>
          {preview.errors.length ? (
            <Alert data-color="danger" role="alert">
              <Heading level={3} data-size="xs">
                {b.errorsHeading}
              </Heading>
              <ul>
                {preview.errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {(
            [
              ['create', b.create, preview.create.map((c) => `${c.name} (${c.slug})`)],
              ['change', b.change, preview.change.map((c) => `${c.name} (${c.slug}): ${c.fields.join(', ')}`)],
              ['retire', b.retire, preview.retire.map((c) => `${c.name} (${c.slug})`)],
            ] as const
          )
            .filter(([, , items]) => items.length > 0)
            .map(([key, label, items]) => (
              <section key={key} aria-labelledby={`plan-${key}`}>
                <Heading level={3} data-size="xs" id={`plan-${key}`}>
                  {label}
                </Heading>
                <ul>
                  {items.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </section>
            ))}
          {!hasChanges && preview.errors.length === 0 ? <Paragraph>{b.nothing}</Paragraph> : null}
          {hasChanges && preview.errors.length === 0 && file ? (
            <UploadForm action={action} hidden={[['retire', retireMissing ? 'missing' : 'keep']]} className="page-section">
              <PreviewedFile file={file} counts={preview.counts} />
              <Button type="submit" name="action" value="drafts" variant="secondary">
                {b.applyDrafts}
              </Button>{' '}
              <Button type="submit" name="action" value="publish">
                {b.applyPublish}
              </Button>
            </UploadForm>
          ) : null}
        </Section>
      ) : null}
      <Section id="last-opp" title={b.preview}>
        <Paragraph>
          <a href={href(`/leverandorer/${provider.slug}/katalog/tabeller/tjenester.csv`)} download>
            {b.download} (CSV)
          </a>{' '}
          ·{' '}
          <a href={href(`/leverandorer/${provider.slug}/katalog/tabeller/tjenester.xlsx`)} download>
            XLSX
          </a>
        </Paragraph>
        <UploadForm action={action} hidden={[['action', 'preview']]}>
          <FileField id="catalogue-file" label={b.fileLabel} accept=".csv,.xlsx,.ttl,text/csv,text/turtle,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <ChoiceField id="retire" name="retire" legend={b.retireLabel} options={[{ value: 'keep', label: b.retireKeep }, { value: 'missing', label: b.retireMissing }]} value={retireMissing ? 'missing' : 'keep'} />
          <Button type="submit">{b.preview}</Button>
        </UploadForm>
      </Section>
    </Layout>
  );
}
