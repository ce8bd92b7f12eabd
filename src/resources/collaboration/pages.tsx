import { Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { LinkCard, PageHeader } from '../../web/components.js';
import { usePage, useHref } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { listIdeas } from '../ideas/queries.js';
import { listNetworks } from '../networks/queries.js';
import { listSurveys, windowOf } from '../surveys/queries.js';
import { CollabBreadcrumbs } from './components.js';

/** /samarbeid: the way in to networks, needs, surveys, ideas, and costs and gains. */
export async function registerCollaborationPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  app.get('/samarbeid', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const now = (deps.clock ?? (() => new Date()))();
    const [networks, surveys, ideas] = await Promise.all([listNetworks(db), listSurveys(db), listIdeas(db)]);
    const figures = { networks: networks.length, openSurveys: surveys.filter((s) => windowOf(s, now) === 'open').length, ideas: ideas.length };
    return sendPage(req, reply, <CollaborationPage figures={figures} />);
  });
}

function CollaborationPage({ figures }: { figures: { networks: number; openSurveys: number; ideas: number } }) {
  const { t } = usePage();
  const href = useHref();
  const cards = [
    { path: '/nettverk', title: t.network.title, text: t.collab.networks, figure: t.network.count(figures.networks) },
    { path: '/behov', title: t.need.title, text: t.collab.needs, figure: t.collab.signInFirst },
    { path: '/undersokelser', title: t.survey.title, text: t.collab.surveys, figure: t.collab.openSurveys(figures.openSurveys) },
    { path: '/ideer', title: t.idea.title, text: t.collab.ideas, figure: t.idea.count(figures.ideas) },
  ];
  return (
    <Layout title={t.collab.title} section="collaboration" description={t.collab.lead}>
      <CollabBreadcrumbs items={[]} />
      <PageHeader title={t.collab.title} lead={t.collab.lead} />
      <ul className="card-grid card-grid--4">
        {cards.map((c) => (
          <li key={c.path}>
            <LinkCard href={href(c.path)} title={c.title} size="xs">
              <Paragraph data-size="sm">{c.text}</Paragraph>
              <Paragraph data-size="sm" className="muted">
                {c.figure}
              </Paragraph>
            </LinkCard>
          </li>
        ))}
      </ul>
      <Paragraph>{t.collab.gains}</Paragraph>
    </Layout>
  );
}
