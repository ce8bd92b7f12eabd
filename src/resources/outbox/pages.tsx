import { Paragraph } from '@digdir/designsystemet-react';
import { desc } from 'drizzle-orm';
import { Type } from 'typebox';
import { mailOutbox } from '../../db/schema/index.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, PageHeader } from '../../web/components.js';
import { usePage, useHref } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';

/** Development only, and only when no SMTP server is configured: the mails the portal would have sent. */
export async function registerOutboxPages(app: App, deps: AppDeps): Promise<void> {
  if (deps.config.environment !== 'development' || deps.config.smtpUrl) return;
  app.get('/dev/utboks', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const rows = await deps.database.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(100);
    return sendPage(req, reply, <OutboxPage rows={rows} />);
  });
}

function OutboxPage({ rows }: { rows: (typeof mailOutbox.$inferSelect)[] }) {
  const { t, fmt } = usePage();
  const href = useHref();
  return (
    <Layout title={t.outbox.title} section="other">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.outbox.title }]} />
      <PageHeader title={t.outbox.title} lead={t.outbox.lead} />
      {rows.length === 0 ? <Paragraph>{t.outbox.none}</Paragraph> : null}
      {rows.map((m) => (
        <article key={m.id} className="mail" aria-labelledby={`mail-${m.id}`}>
          <h2 className="ds-heading" data-size="2xs" id={`mail-${m.id}`}>
            {m.subject}
          </h2>
          <Paragraph data-size="sm" className="muted">
            {t.outbox.to}: {m.recipients.join(', ')} · {fmt.dateTime(m.createdAt)}
          </Paragraph>
          <pre className="mail__body">{m.textBody}</pre>
        </article>
      ))}
    </Layout>
  );
}
