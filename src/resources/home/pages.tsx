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
import { ItemList } from '../../web/components/lists.js';
import type { ReactNode } from 'react';

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

      <HomeSection id="figures" title={t.home.figuresHeading} className="figures" hidden>
        <ItemList
          className="figure-list"
          items={[
            [figures.services, t.home.figureServices],
            [figures.providers, t.home.figureProviders],
            [figures.agencies, t.home.figureAgencies],
          ] as const}
          keyOf={([, label]) => label}
          item={([n, label]) => (
            <>
              <span className="figure">{fmt.number(n)}</span> {label}
            </>
          )}
        />
      </HomeSection>

      <HomeSection id="areas" title={t.home.areasHeading}>
        <ItemList className="card-grid" items={areas} keyOf={(a) => a.slug} item={(a) => <HomeCard color="neutral" className="area-card" href={href(`/omrader/${a.slug}`)} title={<Text value={a.name} />} text={t.common.services(a.count)} />} />
      </HomeSection>

      <HomeSection id="models" title={t.home.modelsHeading}>
        <Paragraph>{t.home.modelsLead}</Paragraph>
        <ItemList className="card-grid card-grid--4" items={DELIVERY_MODELS} keyOf={(m) => m} item={(m) => <HomeCard color="accent" className="model-card" href={href(`/tjenester?model=${m}`)} title={t.vocab.model[m]} text={t.vocab.modelLong[m]} />} />
      </HomeSection>

      <HomeSection id="newest" title={t.home.newestHeading}>
        <ItemList
          className="link-list newest"
          items={newest}
          keyOf={(s) => s.slug}
          item={(s) => (
            <>
              <ServiceLink service={s} />{' '}
              <StatusTag status={s.status} />
              <span className="muted block">
                {text(s.providerName)} · {t.common.lastChanged.toLowerCase()} {fmt.date(s.updatedAt)}
              </span>
            </>
          )}
        />
      </HomeSection>
    </Layout>
  );
}

/** A section of the home page under an h2 (`hidden`: the heading is for screen readers only). */
function HomeSection({ id, title, className = 'page-section', hidden, children }: { id: string; title: string; className?: string; hidden?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      <Heading level={2} data-size={hidden ? 'xs' : 'md'} id={`${id}-heading`} className={hidden ? 'visually-hidden' : undefined}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A card in a home page grid: a linked h3 and a line under it. */
function HomeCard({ color, className, href, title, text }: { color: 'neutral' | 'accent'; className: string; href: string; title: ReactNode; text: string }) {
  return (
    <Card data-color={color} className={className}>
      <Heading level={3} data-size="2xs">
        <a href={href}>{title}</a>
      </Heading>
      <Paragraph data-size="sm">{text}</Paragraph>
    </Card>
  );
}
