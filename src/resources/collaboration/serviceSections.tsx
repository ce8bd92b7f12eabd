import { Paragraph } from '@digdir/designsystemet-react';
import type { FastifyRequest } from 'fastify';
import type { LocalizedText } from '../../domain/catalogue.js';
import { NO_MINISTRY } from '../../domain/surveyResults.js';
import type { AppDeps } from '../../server/types.js';
import { Section } from '../../web/components.js';
import { LinkParagraph, TextLink } from '../../web/components/links.js';
import { usePage, useHref } from '../../web/context.js';
import { GainChart } from '../gains/pages.js';
import { mayGain } from '../gains/policy.js';
import { mayProposeSomewhere } from '../ideas/policy.js';
import { type GainIndicatorRow, gainsOfService } from '../gains/queries.js';
import { SurveyResultsView } from '../surveys/pages.js';
import { ministryNames, type SurveyResults, surveyResults, type SurveyRow, surveysOfService } from '../surveys/queries.js';

/**
 * What a service's page shows of collaboration and involvement: the public results of its newest closed survey
 * (at least 5 respondents per group), any survey open now, its costs and gains as charts, and a way to propose
 * improvements. The page is cached per catalogue version and Oslo date, which cover all of it (migration 0008).
 */
export interface ServiceCollaboration {
  slug: string;
  open: SurveyRow[];
  latest: { survey: SurveyRow; results: SurveyResults; ministries: Map<string, LocalizedText> } | undefined;
  gains: GainIndicatorRow[];
  manageGains: boolean;
  /** Offer "propose an improvement" only to those who may (agency editors, administrators). */
  mayPropose: boolean;
}

export async function loadServiceCollaboration(deps: AppDeps, req: FastifyRequest, service: { id: string; slug: string; providerId: string }): Promise<ServiceCollaboration> {
  const { db } = deps.database;
  const now = (deps.clock ?? (() => new Date()))();
  const [surveys, gains] = await Promise.all([surveysOfService(db, service.slug, now), gainsOfService(db, service.id)]);
  let latest: ServiceCollaboration['latest'];
  if (surveys.latestClosed) {
    const results = await surveyResults(db, surveys.latestClosed, 'public', now, deps.config.sizeThresholds);
    latest = { survey: surveys.latestClosed, results, ministries: await ministryNames(db, results.summary.byMinistry.map((g) => g.key).filter((k) => k !== NO_MINISTRY)) };
  }
  return { slug: service.slug, open: surveys.open, latest, gains, manageGains: mayGain(req.principal, 'edit', service), mayPropose: mayProposeSomewhere(req.principal) };
}

export function ServiceCollaborationSections({ c }: { c: ServiceCollaboration }) {
  const { t, fmt } = usePage();
  const href = useHref();
  return (
    <>
      <Section title={t.survey.satisfaction} id="satisfaction">
        {c.open.map((s) => (
          <Paragraph key={s.id}>
            {t.survey.openNow(fmt.date(s.closesOn))}{' '}
            <TextLink path={`/undersokelser/${s.id}`} value={s.title} />
          </Paragraph>
        ))}
        {c.latest ? (
          <>
            <Paragraph>
              {t.survey.latestResults}{' '}
              <TextLink path={`/undersokelser/${c.latest.survey.id}`} value={c.latest.survey.title} />{' '}
              ({fmt.date(c.latest.survey.opensOn)} – {fmt.date(c.latest.survey.closesOn)})
            </Paragraph>
            <SurveyResultsView s={c.latest.survey} results={c.latest.results} ministries={c.latest.ministries} id="satisfaction-results" level={3} />
          </>
        ) : c.open.length === 0 ? (
          <Paragraph>{t.survey.noneForService}</Paragraph>
        ) : null}
      </Section>
      <Section title={t.gain.title} id="gains">
        <Paragraph>{t.gain.lead}</Paragraph>
        {c.gains.length === 0 ? <Paragraph>{t.gain.none}</Paragraph> : c.gains.map((i) => <GainChart key={i.id} i={i} slug={c.slug} />)}
        {c.manageGains ? (
          <LinkParagraph path={`/tjenester/${c.slug}/gevinster`} label={t.gain.manage} />
        ) : null}
      </Section>
      <Section title={t.idea.forService} id="ideas">
        <Paragraph>{t.idea.forServiceLead}</Paragraph>
        <Paragraph>
          <a href={href(`/ideer?tjeneste=${c.slug}`)}>{t.idea.seeForService}</a>
          {c.mayPropose ? (
            <>
              {' · '}
              <a href={href(`/ideer/ny?tjeneste=${c.slug}`)}>{t.idea.proposeForService}</a>
            </>
          ) : null}
        </Paragraph>
      </Section>
    </>
  );
}
