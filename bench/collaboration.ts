/**
 * Benchmark: collaboration and involvement. First the pure rules on large inputs (matchmaking over 10,000 needs,
 * survey results with the anonymity rule over 5,000 respondents), then HTTP under load with ~3,000 shared needs and
 * a survey every payroll customer has answered.
 *   npm run bench:collaboration                      # PGlite
 *   DATABASE_URL=postgres://… npm run bench:collaboration
 * Env: DURATION (s, default 10), CONNECTIONS (default 20).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { agencies, ideas, needs, services, subscriptions, surveyResponses, surveys } from '../src/db/schema/index.js';
import { ministryAreaOf } from '../src/domain/eligibility.js';
import { type MatchNeed, rankSimilarNeeds } from '../src/domain/matchmaking.js';
import { prng } from '../src/domain/random.js';
import { SIZE_CLASSES } from '../src/domain/sizeClass.js';
import { protectSummary, summariseSurvey, type SurveyRespondent } from '../src/domain/surveyResults.js';
import { load, printTable, type LoadResult } from './support/http.js';
import { demoUserHeaders } from './support/loadFixtures.js';
import { machineCaveat, startBenchServer } from './support/server.js';

const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 20);
const random = prng(20201210);

/** Median wall time of `runs` calls, in ms. */
function time(runs: number, f: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

// Pure rules.
const counties = ['Oslo', 'Vestland', 'Trøndelag', 'Nordland', 'Agder'];
const areasList = ['arkiv', 'it-drift', 'lonn', 'regnskap', 'innkjop'];
const fakeNeed = (i: number): MatchNeed => ({
  id: `n${i}`,
  areaSlug: areasList[i % areasList.length]!,
  urgency: (['low', 'medium', 'high'] as const)[i % 3]!,
  createdAt: new Date(2026, 0, 1 + (i % 300)),
  agency: {
    orgnr: String(800000000 + i),
    municipality: String(1000 + Math.floor(random() * 60)),
    county: counties[Math.floor(random() * counties.length)]!,
    ministryArea: `M${Math.floor(random() * 17)}`,
    sizeClass: SIZE_CLASSES[Math.floor(random() * SIZE_CLASSES.length)]!,
  },
});
const candidates = Array.from({ length: 10_000 }, (_, i) => fakeNeed(i));
const matchMs = time(50, () => rankSimilarNeeds(candidates[0]!, candidates, 10));
const def = { questions: ['satisfaction', 'adaptation', 'information', 'involvement'].map((id) => ({ id, type: 'scale' as const, label: { nb: id } })) };
const respondents: SurveyRespondent[] = Array.from({ length: 5_000 }, () => ({
  sizeClass: SIZE_CLASSES[Math.floor(random() * SIZE_CLASSES.length)]!,
  ministryArea: `M${Math.floor(random() * 17)}`,
  answers: Object.fromEntries(def.questions.map((q) => [q.id, 1 + Math.floor(random() * 5)])),
}));
const summaryMs = time(20, () => protectSummary(summariseSurvey(def, respondents)));
console.log('\nPure rules (median)');
console.log('| rule | input | ms |');
console.log('|---|---|---:|');
console.log(`| matchmaking: rank like needs, top 10 | 10,000 needs | ${matchMs.toFixed(2)} |`);
console.log(`| survey results + anonymity rule | 5,000 respondents × 4 scales, 5 size classes, 17 ministries | ${summaryMs.toFixed(2)} |`);

const server = await startBenchServer();
try {
  const db = server.database.db;
  const state = await db.select({ orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr, employees: agencies.employees }).from(agencies).where(and(inArray(agencies.kind, ['agency', 'ministry']), isNull(agencies.deletedOn)));
  // ~3,000 shared, open needs in five areas from every state agency.
  const now = new Date();
  const rows = Array.from({ length: 3_000 }, (_, i) => ({
    agencyOrgnr: state[i % state.length]!.orgnr,
    areaSlug: ['arkiv-og-dokumentforvaltning', 'it-drift', 'lonn', 'regnskap', 'innkjop'][i % 5]!,
    title: `Behov ${i}`,
    description: 'Et behov for benchmarken.',
    urgency: (['low', 'medium', 'high'] as const)[i % 3]!,
    visibility: 'agencies' as const,
    createdBy: 'Benchmark',
    createdAt: new Date(now.getTime() - i * 60_000),
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(needs).values(rows.slice(i, i + 500));
  const [lottstiftNeed] = await db.insert(needs).values({ ...rows[0]!, agencyOrgnr: '982391490', title: 'Driftsstøtte for arkivsystemet' }).returning({ id: needs.id });
  // Every payroll customer answers the demo payroll survey (closed): the results of ~180 respondents.
  const [survey] = await db.select().from(surveys).where(eq(surveys.template, 'brukerundersokelse')).orderBy(surveys.opensOn).limit(1);
  const [lonn] = await db.select({ id: services.id }).from(services).where(eq(services.slug, 'dfo-lonn'));
  const customers = await db.select({ orgnr: subscriptions.agencyOrgnr }).from(subscriptions).where(and(eq(subscriptions.serviceId, lonn!.id), isNull(subscriptions.endedOn)));
  await db.delete(surveyResponses).where(eq(surveyResponses.surveyId, survey!.id));
  await db.insert(surveyResponses).values(
    customers.map((c) => {
      const a = state.find((x) => x.orgnr === c.orgnr) ?? { orgnr: c.orgnr, kind: 'agency' as const, ministryOrgnr: null, employees: null };
      return { surveyId: survey!.id, agencyOrgnr: c.orgnr, answers: { satisfaction: 1 + Math.floor(random() * 5), adaptation: 1 + Math.floor(random() * 5) }, employees: a.employees, ministryArea: ministryAreaOf(a), submittedAt: now, updatedAt: now, submittedBy: 'Benchmark' };
    }),
  );
  const session = (email: string) => demoUserHeaders(db, email);
  const lise = await session('lise.berg@lottstift.example');
  const dag = await session('dag.olsen@dfo.example');
  const [idea] = await db.select({ id: ideas.id }).from(ideas).limit(1);

  const results: LoadResult[] = [];
  results.push(await load('API need with matches (3,000 needs)', `${server.url}/api/v1/needs/${lottstiftNeed!.id}`, { connections, duration, headers: lise }));
  results.push(await load('page need with matches', `${server.url}/behov/${lottstiftNeed!.id}`, { connections, duration, headers: lise }));
  results.push(await load('API unmet needs per area and size (provider)', `${server.url}/api/v1/needs/aggregate`, { connections, duration, headers: dag }));
  results.push(await load(`API survey results, ${customers.length} respondents (public)`, `${server.url}/api/v1/surveys/${survey!.id}/results`, { connections, duration }));
  results.push(await load('page service with survey and gains (signed in, uncached)', `${server.url}/tjenester/dfo-lonn`, { connections, duration, headers: { cookie: lise.cookie } }));
  results.push(await load('page service (anonymous, page cache)', `${server.url}/tjenester/dfo-lonn`, { connections, duration }));
  results.push(await load('page networks (anonymous, page cache)', `${server.url}/nettverk`, { connections, duration }));
  results.push(await load('page ideas', `${server.url}/ideer`, { connections, duration }));
  results.push(await load('PUT vote (repeat, idempotent)', `${server.url}/api/v1/ideas/${idea!.id}/votes/982391490`, { connections, duration, method: 'PUT', headers: lise }));
  printTable(`Collaboration on ${server.engine}: ${connections} connections × ${duration} s each`, results);
  console.log(machineCaveat());
} finally {
  await server.close();
}
