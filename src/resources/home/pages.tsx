import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { DELIVERY_MODELS, type LocalizedText, type ServiceStatus } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { SearchForm, StatusTag } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { newestServices } from '../services/queries.js';
import { listAreas } from '../areas/queries.js';
import { catalogueFigures } from './queries.js';
import { cachedRead } from '../../db/readCache.js';
import { ServiceLink } from '../../web/components/links.js';

export async function registerHomePages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  app.get('/', { config: { publicPage: true }, schema: { hide: true } }, async (req, reply) => {
    const { areas, newest, figures } = await cachedRead(db, 'home', async () => {
      const [areas, newest, figures] = await Promise.all([listAreas(db), newestServices(db, 6), catalogueFigures(db)]);
      return { areas, newest, figures };
    });
    return sendPage(req, reply, <HomePage areas={areas} newest={newest} figures={figures} />);
  });
}

interface HomeProps {
  areas: { slug: string; name: LocalizedText; description: LocalizedText; count: number }[];
  newest: { slug: string; name: LocalizedText; summary: LocalizedText; status: ServiceStatus; updatedAt: Date; providerName: LocalizedText }[];
  figures: { services: number; providers: number; agencies: number };
}

function HomePage({ areas, newest, figures }: HomeProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  return (
    <Layout title={t.home.title} section="home" description={t.home.lead}>
      <div className="hero">
        <Heading level={1} data-size="xl">
          {t.home.title}
        </Heading>
        <Paragraph data-size="lg" className="lead">
          {t.home.lead}
        </Paragraph>
        <SearchForm id="home-search" size="lg" />
      </div>

      <section aria-labelledby="figures-heading" className="figures">
        <Heading level={2} data-size="xs" id="figures-heading" className="visually-hidden">
          {t.home.figuresHeading}
        </Heading>
        <ul className="figure-list">
          <li>
            <span className="figure">{fmt.number(figures.services)}</span> {t.home.figureServices}
          </li>
          <li>
            <span className="figure">{fmt.number(figures.providers)}</span> {t.home.figureProviders}
          </li>
          <li>
            <span className="figure">{fmt.number(figures.agencies)}</span> {t.home.figureAgencies}
          </li>
        </ul>
      </section>

      <section aria-labelledby="areas-heading" className="page-section">
        <Heading level={2} data-size="md" id="areas-heading">
          {t.home.areasHeading}
        </Heading>
        <ul className="card-grid">
          {areas.map((a) => (
            <li key={a.slug}>
              <Card data-color="neutral" className="area-card">
                <Heading level={3} data-size="2xs">
                  <a href={href(`/omrader/${a.slug}`)}>
                    <Text value={a.name} />
                  </a>
                </Heading>
                <Paragraph data-size="sm">{t.common.services(a.count)}</Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="models-heading" className="page-section">
        <Heading level={2} data-size="md" id="models-heading">
          {t.home.modelsHeading}
        </Heading>
        <Paragraph>{t.home.modelsLead}</Paragraph>
        <ul className="card-grid card-grid--4">
          {DELIVERY_MODELS.map((m) => (
            <li key={m}>
              <Card data-color="accent" className="model-card">
                <Heading level={3} data-size="2xs">
                  <a href={href(`/tjenester?model=${m}`)}>{t.vocab.model[m]}</a>
                </Heading>
                <Paragraph data-size="sm">{t.vocab.modelLong[m]}</Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="newest-heading" className="page-section">
        <Heading level={2} data-size="md" id="newest-heading">
          {t.home.newestHeading}
        </Heading>
        <ul className="link-list newest">
          {newest.map((s) => (
            <li key={s.slug}>
              <ServiceLink service={s} />{' '}
              <StatusTag status={s.status} />
              <span className="muted block">
                {text(s.providerName)} · {t.common.lastChanged.toLowerCase()} {fmt.date(s.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
