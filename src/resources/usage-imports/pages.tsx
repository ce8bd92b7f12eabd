import { createHash } from 'node:crypto';
import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import { applyUsageImport, describeFileProblem, type EndScope, presentPlan, type PresentedPlan, previewUsageImport, UsageImportError } from '../../imports/usage/usageImport.js';
import { requireProviderActor } from '../../server/actor.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, ChoiceField, FileField, PageHeader, PreviewedFile, Section } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { uploadedFile, withFileUploads } from '../shared/uploads.js';
import { providerBySlug } from '../shared/queries.js';
import { PlainTable } from '../../web/components/plainTable.js';
import { UploadForm, UploadOutcome, type UploadPageProps, useUploadPage } from '../../web/components/uploadForm.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 120 }) });

/**
 * The upload page for a provider's customer list: choose a file, see the preview, confirm. The confirmation posts
 * the same file back (hidden, with its SHA-256 and the previewed counts), so nothing is kept on the server between
 * the two steps; if the file or the plan differs from what the user saw, the new preview is shown instead.
 */
export async function registerUsageImportPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const provider = async (req: FastifyRequest, slug: string) => {
    const p = await providerBySlug(db, slug);
    if (!p) throw new HttpProblem(404, messages[req.lang].errors.unknownProvider(slug));
    return { id: p.id, slug: p.slug, name: p.name };
  };
  await withFileUploads(app, async (s) => {
    s.get('/leverandorer/:slug/kundeliste', { schema: { params: Params, hide: true } }, async (req, reply) => {
      const p = await provider(req, req.params.slug);
      await requireProviderActor(req, p.slug);
      return sendPage(req, reply, <UploadPage provider={p} />);
    });
    s.post('/leverandorer/:slug/kundeliste', { schema: { params: Params, hide: true }, bodyLimit: 8 * MAX_FILE_BYTES }, async (req, reply) => {
      const p = await provider(req, req.params.slug);
      const { actor } = await requireProviderActor(req, p.slug);
      const t = messages[req.lang];
      const file = await uploadedFile(req).catch((e: unknown) => {
        // A refused form (CSRF) is refused; only problems with the file itself are shown on the page.
        if (e instanceof HttpProblem && e.status !== 403) return { error: e.detail };
        throw e;
      });
      if (!file || 'error' in file) return sendPage(req, reply, <UploadPage provider={p} error={file?.error ?? t.usageImport.fileErrors.missingFile} />, 400);
      const scopeValue: EndScope = file.fields.scope === 'all' ? 'all' : 'file';
      const options = { providerSlug: p.slug, file: file.bytes, fileName: file.name, scope: scopeValue };
      try {
        const preview = presentPlan(await previewUsageImport(db, options), req.lang);
        if (file.fields.action !== 'apply') return sendPage(req, reply, <UploadPage provider={p} preview={preview} file={file} scope={scopeValue} />);
        const sha = createHash('sha256').update(file.bytes).digest('hex');
        const counts = JSON.stringify(preview.counts);
        if (file.fields.expectedSha256 !== sha || file.fields.expectedCounts !== counts) {
          return sendPage(req, reply, <UploadPage provider={p} preview={preview} file={file} scope={scopeValue} changed />, 409);
        }
        const result = await applyUsageImport(db, actor, options);
        const applied = presentPlan(result.plan, req.lang);
        return sendPage(req, reply, <UploadPage provider={p} applied={applied.counts.add + applied.counts.change + applied.counts.end} />);
      } catch (e) {
        if (!(e instanceof UsageImportError)) throw e;
        if (e.code === 'file') return sendPage(req, reply, <UploadPage provider={p} error={describeFileProblem(e.fileProblem!, req.lang)} />, 422);
        if (e.code === 'forbidden') throw new HttpProblem(403, t.usageImport.forbidden);
        if (e.plan) return sendPage(req, reply, <UploadPage provider={p} preview={presentPlan(e.plan, req.lang)} file={file} scope={scopeValue} />, 422);
        throw e;
      }
    });
  });
}

interface CustomerListPageProps extends UploadPageProps<PresentedPlan> {
  scope?: EndScope | undefined;
}

function UploadPage({ provider, error, preview, file, scope = 'file', changed, applied }: CustomerListPageProps) {
  const { t, href, text, action } = useUploadPage(provider, 'kundeliste');
  const u = t.usageImport;
  const title = u.title(text(provider.name));
  return (
    <Layout title={title} section="providers" description={u.lead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.provider.title, href: href('/leverandorer') }, { label: text(provider.name), href: href(`/leverandorer/${provider.slug}`) }, { label: u.breadcrumb }]} />
      <PageHeader title={title} lead={u.lead} />
      <UploadOutcome applied={applied !== undefined ? u.applied(applied) : undefined} error={error} fileId="usage-file" changed={changed ? u.changed : undefined} />
      {preview ? <Preview preview={preview} /> : null}
      {preview && preview.counts.errors === 0 && file ? (
        <UploadForm action={action} hidden={[['action', 'apply'], ['scope', scope], ['expectedSha256', preview.file.sha256]]} className="page-section">
          <PreviewedFile file={file} counts={preview.counts} />
          <Paragraph>{u.notSaved}</Paragraph>
          <Button type="submit">{u.apply}</Button>
        </UploadForm>
      ) : null}
      <Section title={u.columnsHeading} id="upload">
        <Paragraph>{u.columnsHelp}</Paragraph>
        <Paragraph>
          <Link href={`/api/v1/providers/${provider.slug}/customers.csv`}>{u.download} (CSV)</Link> ·{' '}
          <Link href={`/api/v1/providers/${provider.slug}/customers.xlsx`}>XLSX</Link>
        </Paragraph>
        <UploadForm action={action} hidden={[['action', 'preview']]}>
          <FileField id="usage-file" label={u.fileLabel} accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <ChoiceField id="scope" name="scope" legend={u.scopeLabel} options={[{ value: 'file', label: u.scopeFile }, { value: 'all', label: u.scopeAll }]} value={scope} />
          <Button type="submit" variant={preview ? 'secondary' : 'primary'}>
            {u.preview}
          </Button>
        </UploadForm>
      </Section>
    </Layout>
  );
}

function Preview({ preview }: { preview: PresentedPlan }) {
  const { t, fmt } = usePage();
  const u = t.usageImport;
  type Item = PresentedPlan['add'][number];
  const table = (id: string, caption: string, items: Item[]) => (
    <Section title={`${caption} (${fmt.number(items.length)})`} id={id} level={3}>
      {items.length === 0 ? (
        <Paragraph>{u.none}</Paragraph>
      ) : (
        <PlainTable columns={[u.line, u.agency, u.service, u.tier, u.from, u.to]} compact>
          {items.map((i, n) => (
            <tr key={n}>
              <td>{i.line ?? '–'}</td>
              <td>
                {i.agency} ({i.orgnr})
              </td>
              <td>{i.service}</td>
              <td>{'previousTier' in i && i.previousTier !== undefined ? `${i.previousTier ?? '–'} → ${i.tier ?? '–'}` : (i.tier ?? '–')}</td>
              <td>{i.from ? fmt.date(i.from) : '–'}</td>
              <td>{i.to ? fmt.date(i.to) : '–'}</td>
            </tr>
          ))}
        </PlainTable>
      )}
    </Section>
  );
  return (
    <section className="page-section" aria-labelledby="preview-heading">
      <Heading level={2} data-size="sm" id="preview-heading">
        {u.previewHeading}
      </Heading>
      {preview.errors.length ? (
        <>
          <Alert data-color="danger" role="alert">
            {u.fixErrors}
          </Alert>
          <table className="ds-table data-table" data-size="sm">
            <caption>{u.errors}</caption>
            <thead>
              <tr>
                <th scope="col">{u.line}</th>
                <th scope="col">{u.reason}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((e, n) => (
                <tr key={n}>
                  <td>{e.line}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {table('add', u.add, preview.add)}
      {table('change', u.change, preview.change)}
      {table('end', u.end, preview.end)}
      <Paragraph>
        {u.unchanged}: {fmt.number(preview.unchanged.length)}
      </Paragraph>
      {preview.notes.length ? (
        <Section title={u.notes} id="notes" level={3}>
          <ul>
            {preview.notes.map((n, i) => (
              <li key={i}>
                {u.line} {n.line}: {n.message}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </section>
  );
}
