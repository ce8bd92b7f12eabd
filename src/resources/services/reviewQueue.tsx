import { Paragraph } from '@digdir/designsystemet-react';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Executor } from '../../db/database.js';
import { providers, serviceDrafts, services } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { isAdmin, providerScopes } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, DataTable, PageHeader, Section } from '../../web/components.js';
import { Text, useHref, usePage } from '../../web/context.js';
import { PostButton } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { mayCreateSomeService } from './policy.js';

/**
 * The review queue (issue 12): DFØ's administrators see every provider's drafts, those submitted for approval first,
 * with approve (and a link to return with a comment on the draft's page); a provider's editors see their own
 * providers' drafts and how far each has come. Nobody else: drafts are not public.
 */
export interface QueueRow {
  slug: string;
  published: boolean;
  name: LocalizedText;
  providerSlug: string;
  providerName: LocalizedText;
  state: 'draft' | 'in_review' | 'returned';
  updatedAt: Date;
  updatedByName: string;
  reviewComment: string | null;
}

/** The drafts of the given providers (all when undefined), those waiting for approval first, then newest first. */
export async function reviewQueue(db: Executor, providerIds: readonly string[] | undefined): Promise<QueueRow[]> {
  if (providerIds && providerIds.length === 0) return [];
  const scope = providerIds ? inArray(serviceDrafts.providerId, [...providerIds]) : undefined;
  const waitingFirst = desc(eq(serviceDrafts.state, 'in_review'));
  const rows = await db
    .select({ draft: serviceDrafts, serviceSlug: services.slug, provider: { slug: providers.slug, name: providers.name } })
    .from(serviceDrafts)
    .innerJoin(providers, eq(providers.id, serviceDrafts.providerId))
    .leftJoin(services, eq(services.id, serviceDrafts.serviceId))
    .where(scope)
    .orderBy(waitingFirst, desc(serviceDrafts.updatedAt), asc(serviceDrafts.slug));
  return rows.map(({ draft, serviceSlug, provider }) => ({
    slug: serviceSlug ?? draft.slug,
    published: serviceSlug !== null,
    name: draft.document.name,
    providerSlug: provider.slug,
    providerName: provider.name,
    state: draft.state,
    updatedAt: draft.updatedAt,
    updatedByName: draft.updatedByName,
    reviewComment: draft.reviewComment,
  }));
}

export async function registerReviewQueuePage(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  app.get('/kvalitet/utkast', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const t = messages[req.lang];
    if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
    if (!mayCreateSomeService(req.principal)) throw new HttpProblem(403, t.access.notYourProvider, { roles: ['provider_editor', 'admin'] });
    const admin = isAdmin(req.principal);
    const rows = await reviewQueue(db, admin ? undefined : providerScopes(req.principal));
    return sendPage(req, reply, <ReviewQueuePage rows={rows} admin={admin} />);
  });
}

function ReviewQueuePage({ rows, admin }: { rows: QueueRow[]; admin: boolean }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const q = t.catalogueKeeping.queue;
  const waiting = rows.filter((r) => r.state === 'in_review');
  const others = rows.filter((r) => r.state !== 'in_review');
  const table = (items: QueueRow[], caption: string, withApprove: boolean) => (
    <DataTable caption={caption} captionHidden columns={[q.service, q.provider, q.state, q.updated, q.by, q.actions]}>
      {items.map((r) => (
        <tr key={r.slug}>
          <th scope="row">
            <a href={href(`/tjenester/${r.slug}/rediger`)}>
              <Text value={r.name} />
            </a>
            {r.published ? null : <span className="block muted">{q.newService}</span>}
          </th>
          <td>
            <Text value={r.providerName} />
          </td>
          <td>
            {t.serviceEditing.draftState[r.state] ?? r.state}
            {r.reviewComment ? <span className="block muted">{t.serviceEditing.reviewComment(r.reviewComment)}</span> : null}
          </td>
          <td className="nowrap">{fmt.dateTime(r.updatedAt)}</td>
          <td>{r.updatedByName}</td>
          <td>
            {withApprove ? (
              <div className="button-row">
                <PostButton action={href(`/tjenester/${r.slug}/godkjenn`)} label={q.approve} variant="primary" />
                <a href={href(`/tjenester/${r.slug}/rediger#publish`)}>{q.returnWithComment}</a>
              </div>
            ) : (
              <a href={href(`/tjenester/${r.slug}/rediger`)}>{q.open}</a>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
  return (
    <Layout title={q.title} section="mine" description={admin ? q.lead : q.ownLead}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: q.title }]} />
      <PageHeader title={q.title} lead={admin ? q.lead : q.ownLead} />
      <Section title={t.serviceEditing.review.title} id="in-review">
        <Paragraph>{waiting.length ? q.waiting(waiting.length) : q.none}</Paragraph>
        {waiting.length ? table(waiting, t.serviceEditing.review.title, admin) : null}
      </Section>
      <Section title={q.others} id="drafts">
        {others.length ? table(others, q.others, false) : <Paragraph>{q.noOthers}</Paragraph>}
      </Section>
    </Layout>
  );
}
