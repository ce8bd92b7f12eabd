import type { ReactNode } from 'react';
import { Breadcrumbs, PageHeader } from '../components.js';
import { usePage, useHref } from '../context.js';
import { Layout } from '../layout.js';

/**
 * A page that is its title: the layout, breadcrumbs from the home page through `parents` to the title, the page
 * header with the lead, then the page's own content.
 */
export function TitledPage({ title, lead, section, parents = [], children }: { title: string; lead: string; section: Parameters<typeof Layout>[0]['section']; parents?: { label: string; href: string }[]; children: ReactNode }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <Layout title={title} section={section}>
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, ...parents, { label: title }]} />
      <PageHeader title={title} lead={lead} />
      {children}
    </Layout>
  );
}
