/**
 * Demo data for collaboration and involvement (data/demo/networks.json, needs.json, surveys.json, ideas.json,
 * gains.json; see data/demo/README.md): networks with members, needs, surveys with responses, ideas with votes and
 * answers, and gain indicators with results. Everything is checked as it is written (references, questionnaire
 * answers, idea moves) and fails with the file and entry that is wrong. Dates are days relative to loading, so a
 * survey is open whenever a fresh portal starts. Survey responses are generated from a fixed seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FactSource, LocalizedText } from '../../domain/catalogue.js';
import type { GainDirection, GainUnit, NeedStatus, NeedUrgency, NeedVisibility, NetworkKind, SurveyAudience } from '../../domain/collaboration.js';
import { ministryAreaOf, STATE_KINDS } from '../../domain/eligibility.js';
import { checkIdeaMove, type IdeaStatus } from '../../domain/ideaStatus.js';
import { osloDate } from '../../domain/osloTime.js';
import { type Answers, type AnswerValue, type QuestionnaireDefinition, scaleValues, validateAnswers } from '../../domain/questionnaire.js';
import { prng } from '../../domain/random.js';
import { REPORT_SIZE_THRESHOLDS, type SizeClass, sizeClassOf } from '../../domain/sizeClass.js';
import { buildSurveyDefinition, type CustomQuestionInput } from '../../domain/survey.js';
import { demoDataDir } from '../../paths.js';
import type { Executor } from '../database.js';
import {
  agencies,
  gainIndicators,
  gainMeasurements,
  ideaComments,
  ideas,
  ideaStatusEvents,
  ideaVotes,
  needs,
  networkAreas,
  networkMembers,
  networks,
  procurements,
  providers,
  questionnaires,
  services,
  subscriptions,
  surveyResponses,
  surveys,
  surveyServices,
} from '../schema/index.js';

const day = 86400_000;
const read = <T>(file: string): T => JSON.parse(readFileSync(join(demoDataDir, file), 'utf8')) as T;

interface DemoNetwork {
  slug: string;
  kind: NetworkKind;
  name: LocalizedText;
  description: LocalizedText;
  areas: string[];
  facilitator?: string;
  county?: string;
  municipality?: string;
  meetingPlace?: string;
  ministry?: string;
  contactName?: string;
  contactEmail?: string;
  service?: string;
  membersFromService?: boolean;
  members?: string[];
  factSource: FactSource;
  sourceRef?: string;
}

interface DemoNeed {
  agency: string;
  area: string;
  title: string;
  description: string;
  urgency: NeedUrgency;
  visibility: NeedVisibility;
  createdDaysAgo: number;
  status?: NeedStatus;
  metByNetwork?: string;
  resolution?: string;
  closedDaysAgo?: number;
}

interface AnswerPlan {
  mean?: number;
  meanBySize?: Partial<Record<SizeClass, number>>;
  skip?: number;
  weights?: Record<string, number>;
  otherText?: string;
  probabilities?: Record<string, number>;
  share?: number;
  texts?: string[];
}

interface DemoSurvey {
  key: string;
  provider: string;
  template: string;
  audience?: SurveyAudience;
  title: LocalizedText;
  services: string[];
  opensDaysAgo: number;
  closesDaysAgo?: number;
  closesInDays?: number;
  customQuestions?: CustomQuestionInput[];
  responses?: { agency: string; answers: Record<string, unknown> }[];
  generate?: { count: number; seed: number; answers: Record<string, AnswerPlan> };
  factSource: FactSource;
  /** A needs survey before this procurement (its bokmål title): the template is a needs_survey questionnaire. */
  procurement?: string;
}

interface DemoIdea {
  agency: string;
  kind: 'improvement' | 'new_service';
  service?: string;
  provider?: string;
  area?: string;
  title: string;
  description: string;
  createdDaysAgo: number;
  votes: string[];
  comments: { agency?: string; provider?: string; body: string; daysAgo: number }[];
  history: { status: IdeaStatus; note?: string; daysAgo: number; by: string }[];
}

interface DemoGain {
  service: string;
  name: LocalizedText;
  unit: GainUnit;
  betterWhen: GainDirection;
  baseline: { value: number; period: string; description: LocalizedText };
  measurements: { period: string; value: number; note?: string }[];
  source: string;
  method: string;
  factSource: FactSource;
}

export async function writeDemoCollaboration(tx: Executor, now = new Date()): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  const providerRows = await tx.select({ id: providers.id, slug: providers.slug }).from(providers);
  const serviceRows = await tx.select({ id: services.id, slug: services.slug }).from(services);
  const agencyRows = await tx.select({ orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr, employees: agencies.employees, deletedOn: agencies.deletedOn }).from(agencies);
  const need = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`demo collaboration data: unknown ${what}`);
    return value;
  };
  const providerId = (slug: string) => need(`provider ${slug}`, providerRows.find((p) => p.slug === slug)?.id);
  const serviceId = (slug: string) => need(`service ${slug}`, serviceRows.find((s) => s.slug === slug)?.id);
  const agency = (orgnr: string) => need(`agency ${orgnr}`, agencyRows.find((a) => a.orgnr === orgnr));

  // Networks, their areas and members.
  const networkIds = new Map<string, string>();
  for (const n of read<DemoNetwork[]>('networks.json')) {
    const [row] = await tx
      .insert(networks)
      .values({
        slug: n.slug,
        kind: n.kind,
        name: n.name,
        description: n.description,
        facilitatorProviderId: n.facilitator ? providerId(n.facilitator) : null,
        ministryOrgnr: n.ministry ? agency(n.ministry).orgnr : null,
        countyName: n.county ?? null,
        municipalityNumber: n.municipality ?? null,
        municipalityName: n.municipality ? need(`municipality ${n.municipality}`, municipalityName(n.municipality)) : null,
        meetingPlace: n.meetingPlace ?? null,
        contactName: n.contactName ?? null,
        contactEmail: n.contactEmail ?? null,
        serviceId: n.service ? serviceId(n.service) : null,
        factSource: n.factSource,
        sourceRef: n.sourceRef ?? null,
        createdAt: at(400),
        updatedAt: at(30),
      })
      .returning({ id: networks.id });
    networkIds.set(n.slug, row!.id);
    await tx.insert(networkAreas).values(n.areas.map((areaSlug) => ({ networkId: row!.id, areaSlug })));
    const members = n.membersFromService
      ? (await tx.select({ orgnr: subscriptions.agencyOrgnr }).from(subscriptions).where(and(eq(subscriptions.serviceId, serviceId(n.service!)), isNull(subscriptions.endedOn)))).map((r) => r.orgnr)
      : (n.members ?? []).map((o) => agency(o).orgnr);
    if (members.length) await tx.insert(networkMembers).values([...new Set(members)].map((orgnr, i) => ({ networkId: row!.id, agencyOrgnr: orgnr, joinedAt: at(380 - i * 5), joinedBy: 'Demodata' })));
  }

  // Needs.
  for (const n of read<DemoNeed[]>('needs.json')) {
    agency(n.agency);
    const status = n.status ?? 'open';
    await tx.insert(needs).values({
      agencyOrgnr: n.agency,
      areaSlug: n.area,
      title: n.title,
      description: n.description,
      urgency: n.urgency,
      visibility: n.visibility,
      status,
      resolution: n.resolution ?? null,
      metByNetworkId: n.metByNetwork ? need(`network ${n.metByNetwork}`, networkIds.get(n.metByNetwork)) : null,
      contactName: 'Demodata',
      contactEmail: `behov@${n.agency}.example`,
      createdBy: 'Demodata',
      createdAt: at(n.createdDaysAgo),
      updatedAt: at(n.closedDaysAgo ?? n.createdDaysAgo),
      closedAt: status === 'open' ? null : at(n.closedDaysAgo ?? 0),
    });
  }

  // Surveys with responses.
  for (const s of read<DemoSurvey[]>('surveys.json')) {
    const [template] = await tx.select().from(questionnaires).where(and(eq(questionnaires.slug, s.template), eq(questionnaires.purpose, s.procurement ? 'needs_survey' : 'survey_template'))).orderBy(desc(questionnaires.version)).limit(1);
    const procurementId = s.procurement ? need(`procurement ${s.procurement}`, (await tx.select({ id: procurements.id }).from(procurements).where(sql`${procurements.title}->>'nb' = ${s.procurement}`))[0]).id : null;
    const built = buildSurveyDefinition(need(`survey template ${s.template}`, template).definition, s.customQuestions ?? []);
    if (!built.ok) throw new Error(`demo survey ${s.key}: ${JSON.stringify(built.problems)}`);
    const [q] = await tx.insert(questionnaires).values({ slug: `undersokelse-demo-${s.key}`, version: 1, purpose: 'survey', title: template!.title, definition: built.definition, createdAt: at(s.opensDaysAgo + 10) }).returning();
    const opens = at(s.opensDaysAgo);
    const closes = s.closesDaysAgo !== undefined ? at(s.closesDaysAgo) : new Date(now.getTime() + (s.closesInDays ?? 30) * day);
    const audience = s.audience ?? 'service_users';
    const [row] = await tx
      .insert(surveys)
      .values({ providerId: providerId(s.provider), template: s.template, audience, title: s.title, questionnaireId: q!.id, opensOn: osloDate(opens), closesOn: osloDate(closes), procurementId, createdBy: 'Demodata', factSource: s.factSource, createdAt: at(s.opensDaysAgo + 10), updatedAt: at(s.opensDaysAgo + 10) })
      .returning();
    const ids = s.services.map(serviceId);
    if (ids.length) await tx.insert(surveyServices).values(ids.map((serviceId) => ({ surveyId: row!.id, serviceId })));
    const eligible =
      audience === 'all_state'
        ? agencyRows.filter((a) => (STATE_KINDS as readonly string[]).includes(a.kind) && !a.deletedOn).map((a) => a.orgnr)
        : [...new Set((await tx.select({ orgnr: subscriptions.agencyOrgnr }).from(subscriptions).where(and(inArray(subscriptions.serviceId, ids), isNull(subscriptions.endedOn)))).map((r) => r.orgnr))];
    eligible.sort();
    const answered = [...(s.responses ?? []), ...(s.generate ? generateResponses(built.definition, s.generate, eligible, agency) : [])];
    const span = closes.getTime() - opens.getTime();
    await tx.insert(surveyResponses).values(
      answered.map((r, i) => {
        const a = agency(r.agency);
        if (!eligible.includes(a.orgnr)) throw new Error(`demo survey ${s.key}: ${r.agency} may not answer`);
        const checked = validateAnswers(built.definition, r.answers);
        if (!checked.ok) throw new Error(`demo survey ${s.key}, ${r.agency}: ${JSON.stringify(checked.problems)}`);
        const when = new Date(Math.min(now.getTime(), opens.getTime() + ((i + 1) / (answered.length + 1)) * span));
        return { surveyId: row!.id, agencyOrgnr: a.orgnr, answers: checked.answers, employees: a.employees, ministryArea: ministryAreaOf(a), submittedAt: when, updatedAt: when, submittedBy: 'Demodata' };
      }),
    );
  }

  // Ideas with votes, comments and the provider's answers.
  for (const d of read<DemoIdea[]>('ideas.json')) {
    agency(d.agency);
    const svc = d.service ? need(`service ${d.service}`, (await tx.select({ id: services.id, providerId: services.providerId, areaSlug: services.areaSlug }).from(services).where(eq(services.slug, d.service)))[0]) : undefined;
    let status: IdeaStatus = 'received';
    for (const h of d.history) {
      const move = checkIdeaMove(status, h.status, h.note);
      if (!move.ok) throw new Error(`demo idea "${d.title}": ${status} → ${h.status}: ${move.problem}`);
      status = h.status;
    }
    const created = at(d.createdDaysAgo);
    const providerOf = svc?.providerId ?? (d.provider ? providerId(d.provider) : null);
    const [row] = await tx
      .insert(ideas)
      .values({
        kind: d.kind,
        title: d.title,
        description: d.description,
        serviceId: svc?.id ?? null,
        providerId: providerOf,
        areaSlug: svc?.areaSlug ?? d.area ?? null,
        agencyOrgnr: d.agency,
        proposedBy: 'Demodata',
        status,
        statusChangedAt: d.history.length ? at(d.history.at(-1)!.daysAgo) : created,
        factSource: 'illustrative',
        createdAt: created,
        updatedAt: d.history.length ? at(d.history.at(-1)!.daysAgo) : created,
      })
      .returning({ id: ideas.id });
    let from: IdeaStatus = 'received';
    await tx.insert(ideaStatusEvents).values([
      { ideaId: row!.id, fromStatus: null, toStatus: 'received', at: created, byName: 'Demodata' },
      ...d.history.map((h) => {
        const event = { ideaId: row!.id, fromStatus: from, toStatus: h.status, note: h.note ?? null, at: at(h.daysAgo), byName: h.by, providerId: providerOf };
        from = h.status;
        return event;
      }),
    ]);
    await tx.insert(ideaVotes).values([d.agency, ...d.votes].map((o, i) => ({ ideaId: row!.id, agencyOrgnr: agency(o).orgnr, votedAt: new Date(created.getTime() + i * day), votedBy: 'Demodata' })));
    if (d.comments.length) {
      await tx.insert(ideaComments).values(
        d.comments.map((c) => ({ ideaId: row!.id, agencyOrgnr: c.agency ? agency(c.agency).orgnr : null, providerId: c.provider ? providerId(c.provider) : null, authorName: 'Demodata', body: c.body, createdAt: at(c.daysAgo) })),
      );
    }
  }

  // Gain indicators with results.
  for (const [i, g] of read<DemoGain[]>('gains.json').entries()) {
    const [row] = await tx
      .insert(gainIndicators)
      .values({
        serviceId: serviceId(g.service),
        name: g.name,
        unit: g.unit,
        betterWhen: g.betterWhen,
        baselineValue: g.baseline.value,
        baselinePeriod: g.baseline.period,
        baselineDescription: g.baseline.description,
        source: g.source,
        method: g.method,
        factSource: g.factSource,
        sortOrder: i,
        createdAt: at(200),
        updatedAt: at(60),
      })
      .returning({ id: gainIndicators.id });
    await tx.insert(gainMeasurements).values(g.measurements.map((m) => ({ indicatorId: row!.id, period: m.period, value: m.value, note: m.note ?? null, recordedAt: at(60), recordedBy: 'Demodata' })));
  }
}

let municipalityNames: Map<string, string> | undefined;
function municipalityName(number: string): string | undefined {
  municipalityNames ??= new Map((JSON.parse(readFileSync(join(demoDataDir, 'sources/municipalities-2025.json'), 'utf8')) as { id: string; name_no: string }[]).map((m) => [m.id, m.name_no]));
  return municipalityNames.get(number);
}

/**
 * Illustrative answers from a fixed seed: `count` eligible agencies (a seeded shuffle), scales around a mean (per
 * size class where given), choices by weight, multi-choices by probability, a share of comments.
 */
function generateResponses(
  def: QuestionnaireDefinition,
  plan: NonNullable<DemoSurvey['generate']>,
  eligible: string[],
  agencyOf: (orgnr: string) => { employees: number | null },
): { agency: string; answers: Answers }[] {
  const random = prng(plan.seed);
  const pool = [...eligible];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, plan.count).map((orgnr) => {
    const size = sizeClassOf(agencyOf(orgnr).employees, REPORT_SIZE_THRESHOLDS);
    const answers: Answers = {};
    for (const q of def.questions) {
      const p = plan.answers[q.id];
      if (!p) continue;
      let value: AnswerValue | undefined;
      if (q.type === 'scale' && p.mean !== undefined) {
        if (p.skip && random() < p.skip) continue;
        const values = scaleValues(q);
        const mean = p.meanBySize?.[size] ?? p.mean;
        // The sum of two uniforms: a rounded triangle around the mean.
        const x = Math.round(mean + (random() + random() - 1) * 1.6);
        value = Math.min(values.at(-1)!, Math.max(values[0]!, x));
      } else if (q.type === 'single_choice' && p.weights) {
        const entries = Object.entries(p.weights);
        let r = random() * entries.reduce((s, [, w]) => s + w, 0);
        value = entries.find(([, w]) => (r -= w) < 0)?.[0] ?? entries[0]![0];
      } else if (q.type === 'multi_choice' && p.probabilities) {
        value = Object.entries(p.probabilities)
          .filter(([, pr]) => random() < pr)
          .map(([v]) => v);
        if (value.length === 0) continue;
      } else if ((q.type === 'long_text' || q.type === 'text') && p.texts && random() < (p.share ?? 0)) {
        value = p.texts[Math.floor(random() * p.texts.length)];
      }
      if (value !== undefined) answers[q.id] = value;
    }
    // "Other" needs its text (requiredWhen).
    for (const q of def.questions) {
      if (q.requiredWhen && [answers[q.requiredWhen.question]].flat().some((v) => q.requiredWhen!.anyOf.includes(String(v)))) {
        answers[q.id] = plan.answers[q.requiredWhen.question]?.otherText ?? 'Annet';
      }
    }
    return { agency: orgnr, answers };
  });
}
