import { Paragraph } from '@digdir/designsystemet-react';
import { OrgList } from '../../web/components/links.js';
import { usePage, useHref } from '../../web/context.js';
import type { ReachSummary } from './queries.js';

/** Before a consultation opens: how many eligible agencies the notice reaches, and which ones no one will reach. */
export function ReachPreview({ reach }: { reach: ReachSummary }) {
  const { t, fmt, user } = usePage();
  const href = useHref();
  const r = t.reach;
  if (reach.unreached.length === 0) return <Paragraph data-size="sm">{r.previewAll}</Paragraph>;
  return (
    <div className="reach-preview">
      <Paragraph data-size="sm">
        <strong>{r.preview(fmt.number(reach.reached), fmt.number(reach.eligible))}</strong> {r.unreachedLead(fmt.number(reach.unreached.length))}
      </Paragraph>
      <details>
        <summary>{r.unreachedSummary}</summary>
        <OrgList orgs={reach.unreached} />
      </details>
      <Paragraph data-size="sm">{user?.roles.includes('admin') ? <a href={href('/admin/kontaktadresser')}>{r.fillIn}</a> : r.fillIn}</Paragraph>
    </div>
  );
}

/** After a consultation opened: the notices actually written and sent, never more. */
export function NoticesSent({ eligible, notices }: { eligible: number; notices: { queued: number; sent: number } }) {
  const { t, fmt } = usePage();
  const r = t.reach;
  if (notices.queued === 0) return <Paragraph data-size="sm">{r.noneSent}</Paragraph>;
  return (
    <Paragraph data-size="sm" className="notices-sent">
      {r.sent(fmt.number(notices.sent), fmt.number(eligible))}
      {notices.queued > notices.sent ? ` ${r.pending(fmt.number(notices.queued - notices.sent))}` : ''}
    </Paragraph>
  );
}
