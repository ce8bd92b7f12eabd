import { Paragraph } from '@digdir/designsystemet-react';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { providers } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { agencyScopes, isAdmin, type Principal, providerScopes } from '../../domain/principal.js';
import { Section } from '../../web/components.js';
import { ListOrNone } from '../../web/components/lists.js';
import { LinkParagraph, LinkSeries, TextLink } from '../../web/components/links.js';
import { usePageKit } from '../../web/pageKit.js';
import { listIdeas } from '../ideas/queries.js';
import { listNeeds } from '../needs/queries.js';
import { listNetworks } from '../networks/queries.js';
import { listSurveys, openSurveysFor } from '../surveys/queries.js';
import { agencyNames } from '../shared/queries.js';
import { CodeTag } from './components.js';

/**
 * Min side's part of collaboration: for an agency's editors, the surveys to answer, open needs and networks; for a
 * provider's editors, their surveys, the ideas addressed to them, their gains and the unmet needs.
 */
export async function loadMineCollaboration(db: Executor, p: Principal, now: Date) {
  const orgnrs = agencyScopes(p);
  const provIds = providerScopes(p);
  const [toAnswer, needs, networks, provs, names] = await Promise.all([
    openSurveysFor(db, orgnrs, now),
    orgnrs.length ? listNeeds(db, { scope: { all: false, agencyOrgnrs: orgnrs, ministryOrgnrs: [], shared: false }, status: 'open' }) : Promise.resolve([]),
    orgnrs.length ? listNetworks(db).then((all) => all.filter((n) => n.memberOrgnrs.some((o) => orgnrs.includes(o)))) : Promise.resolve([]),
    provIds.length ? db.select({ id: providers.id, slug: providers.slug, name: providers.name }).from(providers).where(inArray(providers.id, provIds)) : Promise.resolve([]),
    agencyNames(db, orgnrs),
  ]);
  const slugs = provs.map((x) => x.slug);
  const [surveys, ideas] = await Promise.all([
    slugs.length ? listSurveys(db).then((all) => all.filter((s) => slugs.includes(s.provider.slug))) : Promise.resolve([]),
    slugs.length ? listIdeas(db).then((all) => all.filter((i) => i.provider && slugs.includes(i.provider.slug))) : Promise.resolve([]),
  ]);
  return {
    toAnswer: toAnswer.map((x) => ({ ...x, agency: names(x.orgnr)?.name ?? { nb: x.orgnr } })),
    openNeeds: needs.length,
    networks: networks.map((n) => ({ slug: n.slug, name: n.name })),
    providers: provs,
    surveys,
    ideasWaiting: ideas.filter((i) => i.status === 'received').length,
    ideas: ideas.length,
    aggregate: provIds.length > 0 || isAdmin(p),
    agencyEditor: orgnrs.length > 0,
  };
}

export type MineCollaboration = Awaited<ReturnType<typeof loadMineCollaboration>>;

export function MineCollaborationSection({ c }: { c: MineCollaboration }) {
  const { t, href, text } = usePageKit();
  if (!c.agencyEditor && c.providers.length === 0 && !c.aggregate) return null;
  return (
    <Section title={t.collab.title} id="collaboration">
      {c.agencyEditor ? (
        <>
          <Section title={t.collab.mineSurveys} id="mine-surveys" level={3}>
            <ListOrNone items={c.toAnswer} none={t.collab.noSurveysToAnswer} keyOf={(x) => `${x.survey.id}-${x.orgnr}`}>
              {(x) => (
                <>
                  <TextLink path={`/undersokelser/${x.survey.id}/svar?virksomhet=${x.orgnr}`} value={x.survey.title} />{' '}
                  <CodeTag label={x.answered ? t.survey.answered : t.survey.notAnswered} color={x.answered ? 'success' : 'warning'} />
                  <span className="block muted">{text(x.agency as LocalizedText)}</span>
                </>
              )}
            </ListOrNone>
          </Section>
          <Paragraph>
            <a href={href('/behov')}>{t.collab.mineNeeds(c.openNeeds)}</a> · <a href={href('/behov/ny')}>{t.need.register}</a>
          </Paragraph>
          <Paragraph>
            {t.collab.mineNetworks}:{' '}
            {c.networks.length === 0
              ? t.common.none
              : <LinkSeries items={c.networks} path={(n) => `/nettverk/${n.slug}`} />}
          </Paragraph>
        </>
      ) : null}
      {c.providers.length > 0 ? (
        <>
          <Paragraph>
            <a href={href('/undersokelser')}>{t.collab.providerSurveys(c.surveys.length)}</a> · <a href={href('/undersokelser/ny')}>{t.survey.create}</a>
          </Paragraph>
          <LinkParagraph path={c.providers.length === 1 ? `/ideer?leverandor=${c.providers[0]!.slug}` : '/ideer'} label={t.collab.providerIdeas(c.ideas, c.ideasWaiting)} />
        </>
      ) : null}
      {c.aggregate ? (
        <LinkParagraph path="/behov/samlet" label={t.need.aggregateLink} />
      ) : null}
    </Section>
  );
}
