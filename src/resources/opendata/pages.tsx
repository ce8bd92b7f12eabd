import { Link, Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../server/types.js';
import { PageHeader, Section } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { negotiateRdf, RDF_FORMATS } from './rdf.js';
import { ProseSection } from '../../web/components/prose.js';

/** The open-data page: what the portal publishes, where, in which formats and under which licence. */
export async function registerOpenDataPages(app: App, deps: AppDeps): Promise<void> {
  app.get('/apne-data', { schema: { hide: true } }, async (req, reply) => sendPage(req, reply, <OpenDataPage publicUrl={deps.config.publicUrl} />));
}

/**
 * For a service page (`/tjenester/:slug`, the service's URI): a client that asks for Turtle or JSON-LD is sent to
 * the RDF (303 See Other, as linked data does); browsers get the page. Returns true when it redirected.
 */
export function redirectToRdf(accept: string | undefined, slug: string, redirect: (url: string) => void): boolean {
  const format = negotiateRdf(accept);
  if (!format) return false;
  redirect(`/api/v1/services/${encodeURIComponent(slug)}.${RDF_FORMATS[format].extension}`);
  return true;
}

function OpenDataPage({ publicUrl }: { publicUrl: string }) {
  const { t } = usePage();
  const o = t.opendata;
  const endpoint = (path: string) => (
    <li key={path}>
      <Link href={path}>
        <code>{`${publicUrl}${path}`}</code>
      </Link>
    </li>
  );
  return (
    <Layout title={o.title} section="other" description={o.lead}>
      <div className="page-narrow">
        <PageHeader title={o.title} lead={o.lead} />
        <Section title={o.catalogHeading} id="catalogue">
          <ul>{['/api/v1/catalog.ttl', '/api/v1/catalog.jsonld'].map(endpoint)}</ul>
        </Section>
        <Section title={o.serviceHeading} id="service">
          <ul>
            <li>
              <code>{`${publicUrl}/api/v1/services/{slug}.ttl`}</code>
            </li>
            <li>
              <code>{`${publicUrl}/api/v1/services/{slug}.jsonld`}</code>
            </li>
          </ul>
          <Paragraph>{o.serviceHelp}</Paragraph>
        </Section>
        <ProseSection title={o.negotiationHeading} id="negotiation" paragraphs={[o.negotiationHelp]} />
        <ProseSection title={o.standardHeading} id="standard" paragraphs={[o.standardHelp, <Link href="https://data.norge.no/nlod/no/2.0">{o.licence}</Link>, <Link href="/api/docs">{o.apiDocs}</Link>]} />
      </div>
    </Layout>
  );
}
