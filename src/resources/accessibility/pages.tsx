import { Link, List, Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../server/types.js';
import { PageHeader, Section } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { ProseSection } from '../../web/components/prose.js';

/** When the statement was written and last reviewed (Uutilsynet asks for both; review it at least yearly). */
export const STATEMENT_CREATED = '2026-11-28';
export const STATEMENT_REVIEWED = '2026-11-28';

/**
 * The accessibility statement (tilgjengelighetserklæring) every Norwegian public site must publish, after
 * Uutilsynet's model: scope, compliance status, how it was tested, known deviations, feedback channel, complaint, dates.
 */
export async function registerAccessibilityPages(app: App, deps: AppDeps): Promise<void> {
  app.get('/tilgjengelighet', { config: { publicPage: true }, schema: { hide: true } }, async (req, reply) =>
    sendPage(req, reply, <AccessibilityStatement contact={deps.config.accessibilityContact} />),
  );
}

function AccessibilityStatement({ contact }: { contact: string }) {
  const { t, fmt } = usePage();
  const a = t.accessibility;
  return (
    <Layout title={a.title} section="other" description={a.lead}>
      <div className="page-narrow">
        <PageHeader title={a.title} lead={a.lead} />
        <Paragraph>{a.scope}</Paragraph>
        <Section title={a.statusHeading} id="status">
          <Paragraph>{a.status}</Paragraph>
        </Section>
        <Section title={a.deviationsHeading} id="avvik">
          <List.Unordered>
            {a.deviations.map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List.Unordered>
        </Section>
        <ProseSection title={a.testedHeading} id="testing" paragraphs={[a.tested]} />
        <ProseSection
          title={a.feedbackHeading}
          id="tilbakemelding"
          paragraphs={[
            a.feedback,
            <>
              {a.feedbackContact} <Link href={`mailto:${contact}`}>{contact}</Link>
            </>,
            a.complaint,
            <Link href="https://www.uutilsynet.no/">{a.complaintLink}</Link>,
          ]}
        />
        <ProseSection title={a.datesHeading} id="dato" paragraphs={[a.dates(fmt.date(STATEMENT_CREATED), fmt.date(STATEMENT_REVIEWED))]} />
      </div>
    </Layout>
  );
}
