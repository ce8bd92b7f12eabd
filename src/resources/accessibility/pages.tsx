import { Link, List, Paragraph } from '@digdir/designsystemet-react';
import type { App, AppDeps } from '../../server/types.js';
import { PageHeader, Section } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';

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
        <Section title={a.testedHeading} id="testing">
          <Paragraph>{a.tested}</Paragraph>
        </Section>
        <Section title={a.feedbackHeading} id="tilbakemelding">
          <Paragraph>{a.feedback}</Paragraph>
          <Paragraph>
            {a.feedbackContact} <Link href={`mailto:${contact}`}>{contact}</Link>
          </Paragraph>
          <Paragraph>{a.complaint}</Paragraph>
          <Paragraph>
            <Link href="https://www.uutilsynet.no/">{a.complaintLink}</Link>
          </Paragraph>
        </Section>
        <Section title={a.datesHeading} id="dato">
          <Paragraph>{a.dates(fmt.date(STATEMENT_CREATED), fmt.date(STATEMENT_REVIEWED))}</Paragraph>
        </Section>
      </div>
    </Layout>
  );
}
