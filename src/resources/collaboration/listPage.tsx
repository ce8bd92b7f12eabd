import { Button } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CollabBreadcrumbs, PrimaryAction } from './components.js';

/**
 * The frame of a collaboration list page (ideas, needs, networks, surveys): layout, breadcrumbs, the heading with
 * its lead, and the page's main action when the visitor may take it.
 */
export function CollabListLayout({ title, lead, action, children }: { title: string; lead: string; action: { href: string; label: string; show: boolean }; children: ReactNode }) {
  return (
    <Layout title={title} section="collaboration" description={lead}>
      <CollabBreadcrumbs items={[{ label: title }]} />
      <PageHeader title={title} lead={lead}>
        <PrimaryAction href={action.href} label={action.label} show={action.show} />
      </PageHeader>
      {children}
    </Layout>
  );
}

/** A list's filter: a GET form of select fields and one "apply" button (works without JavaScript). */
export function ListFilter({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  const { t } = usePage();
  return (
    <form method="get" action={action} className="filter-row list-filter" aria-label={label}>
      {children}
      <Button type="submit" variant="secondary">
        {t.network.applyFilter}
      </Button>
    </form>
  );
}

/** How many rows the list shows, announced to screen readers, with a link that clears the filter when one is set. */
export function ResultCount({ count, clearHref }: { count: string; clearHref?: string | undefined }) {
  const { t } = usePage();
  return (
    <p className="result-count" role="status">
      <strong>{count}</strong>
      {clearHref ? (
        <>
          {' · '}
          <a href={clearHref}>{t.network.clearFilter}</a>
        </>
      ) : null}
    </p>
  );
}
