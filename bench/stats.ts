/**
 * Benchmark: the statistics queries at 10× national scale.
 *   npm run bench:stats                          # PGlite (in a temporary data dir)
 *   DATABASE_URL=postgres://… npm run bench:stats # PostgreSQL: creates a throwaway database next to the given one
 * Env: RUNS (timed runs per query, default 7), SEED (default 42); BENCH_PGLITE_DIR or (with DATABASE_URL) BENCH_PG_DB
 * keep the generated data there between runs.
 *
 * Generates 10,000 organisations (ministries, agencies, other state bodies, municipalities and counties), 2,000
 * services in 14 areas (central, state-and-municipal, sector, group and network; tiers on some), and 200,000
 * subscriptions with history (ended rows, tier changes, undated starts), written with multi-row inserts. Then times
 * the coverage matrix (summary and a page of agencies), the gap, adoption of every service, tiers, trends and
 * recommendations for agencies of several kinds; then the statistics pages and API answers through the app, each the
 * first request after a change. Target: ≤ 200 ms each for coverage, adoption and recommendations, and for the pages.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, type DatabaseHandle, openDatabase, queryRows, sql } from '../src/db/database.js';
import { agencies, areas, providers, services, subscriptions, tiers } from '../src/db/schema/index.js';
import type { OrganisationKind } from '../src/domain/catalogue.js';
import { orgnrCheckDigit } from '../src/domain/orgnr.js';
import { prng } from '../src/domain/random.js';
import { REPORT_SIZE_THRESHOLDS as th } from '../src/domain/sizeClass.js';
import { defaultPopulation } from '../src/resources/stats/queries.js';
import { adoptionReport, coverageReport, gapReport, recommendationsFor, tierReport, trendReport } from '../src/resources/stats/reports.js';
import * as served from '../src/resources/stats/served.js';
import { osloToday } from '../src/domain/osloTime.js';
import { buildApp } from '../src/server/app.js';
import { benchConfig, machineCaveat } from './support/server.js';

const RUNS = Number(process.env.RUNS ?? 7);
const SCALE = { ministries: 20, agencies: 7_900, others: 80, municipalities: 1_650, counties: 350, services: 2_000, subscriptions: 200_000 };

const rand = prng(Number(process.env.SEED ?? 42));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

function* orgnrs(): Generator<string> {
  for (let n = 70_000_000; ; n++) {
    const d = orgnrCheckDigit(String(n));
    if (d !== undefined) yield `${n}${d}`;
  }
}

async function insertInBatches<T>(label: string, rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 2_000) {
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  console.log(`  ${label}: ${rows.length.toLocaleString('en')} rows in ${Math.round(performance.now() - t0)} ms`);
}

const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

async function generate(db: Database) {
  const ids = orgnrs() as Generator<string, never>;
  const ministries = Array.from({ length: SCALE.ministries }, (_, i) => ({ orgnr: ids.next().value!, kind: 'ministry' as const, name: { nb: `Departement ${i + 1}` }, employees: 150 + Math.floor(rand() * 300) }));
  const sizeOf = () => (rand() < 0.06 ? null : Math.floor(Math.exp(rand() * 9)));
  const state = Array.from({ length: SCALE.agencies }, (_, i) => ({ orgnr: ids.next().value!, kind: 'agency' as const, name: { nb: `Virksomhet ${i + 1}` }, ministryOrgnr: pick(ministries).orgnr, employees: sizeOf(), deletedOn: rand() < 0.03 ? '2019-06-30' : null }));
  const others = Array.from({ length: SCALE.others }, (_, i) => ({ orgnr: ids.next().value!, kind: 'other' as const, name: { nb: `Statlig organ ${i + 1}` }, employees: sizeOf() }));
  const municipalities = Array.from({ length: SCALE.municipalities }, (_, i) => ({ orgnr: ids.next().value!, kind: 'municipality' as const, name: { nb: `Kommune ${i + 1}` }, employees: sizeOf() }));
  const counties = Array.from({ length: SCALE.counties }, (_, i) => ({ orgnr: ids.next().value!, kind: 'county' as const, name: { nb: `Fylkeskommune ${i + 1}` }, employees: sizeOf() }));
  const allAgencies = [...ministries, ...state, ...others, ...municipalities, ...counties];
  console.log('Generating:');
  await insertInBatches('agencies', allAgencies, (b) => db.insert(agencies).values(b));

  const areaRows = Array.from({ length: 14 }, (_, i) => ({ slug: `omrade-${i + 1}`, name: { nb: `Område ${i + 1}` }, description: { nb: 'Syntetisk' }, sortOrder: i, gapArea: i === 4 || i === 5 }));
  await db.insert(areas).values(areaRows);
  const providerRows = Array.from({ length: 200 }, (_, i) => ({ slug: `leverandor-${i + 1}`, name: { nb: `Leverandør ${i + 1}` }, model: (['central', 'sector', 'group', 'network'] as const)[i % 4]!, description: { nb: 'Syntetisk' } }));
  const insertedProviders = await db.insert(providers).values(providerRows).returning({ id: providers.id, model: providers.model });
  const byModel = (m: string) => insertedProviders.filter((p) => p.model === m);
  const serviceRows = Array.from({ length: SCALE.services }, (_, i) => {
    const r = rand();
    const [model, targetGroup] = r < 0.15 ? (['central', 'all_state'] as const) : r < 0.2 ? (['central', 'state_and_municipal'] as const) : r < 0.8 ? (['sector', 'sector'] as const) : r < 0.95 ? (['group', 'group'] as const) : (['network', 'by_agreement'] as const);
    return {
      slug: `tjeneste-${i + 1}`,
      name: { nb: `Tjeneste ${i + 1}` },
      summary: { nb: 'Syntetisk' },
      description: { nb: 'Syntetisk' },
      providerId: pick(byModel(model)).id,
      areaSlug: pick(areaRows).slug,
      model,
      targetGroup,
      targetMinistryOrgnr: targetGroup === 'sector' ? pick(ministries).orgnr : null,
      status: rand() < 0.03 ? ('planned' as const) : ('active' as const),
      launchedOn: day(2005 + Math.floor(rand() * 20), 1 + Math.floor(rand() * 12), 1),
    };
  });
  const insertedServices: { id: string; targetGroup: string; targetMinistryOrgnr: string | null }[] = [];
  await insertInBatches('services', serviceRows, async (b) => insertedServices.push(...(await db.insert(services).values(b).returning({ id: services.id, targetGroup: services.targetGroup, targetMinistryOrgnr: services.targetMinistryOrgnr }))), 500);
  const tierRows = insertedServices.slice(0, 60).flatMap((s) => ['basis', 'delservice', 'fullservice'].map((slug, i) => ({ serviceId: s.id, slug, name: { nb: slug }, sortOrder: i })));
  const insertedTiers = await db.insert(tiers).values(tierRows).returning({ id: tiers.id, serviceId: tiers.serviceId });
  const tiersOf = new Map<string, string[]>();
  for (const t of insertedTiers) tiersOf.set(t.serviceId, [...(tiersOf.get(t.serviceId) ?? []), t.id]);

  // Subscriptions: each organisation uses services open to it; ~25 % of rows are history (ended, or a tier change).
  const open = (a: (typeof allAgencies)[number]) => {
    const stateBody = a.kind === 'ministry' || a.kind === 'agency' || a.kind === 'other';
    const area = a.kind === 'ministry' ? a.orgnr : 'ministryOrgnr' in a ? a.ministryOrgnr : null;
    return insertedServices.filter((s) => (s.targetGroup === 'all_state' && stateBody) || s.targetGroup === 'state_and_municipal' || (s.targetGroup === 'sector' && stateBody && s.targetMinistryOrgnr === area) || ((s.targetGroup === 'group' || s.targetGroup === 'by_agreement') && stateBody && rand() < 0.05));
  };
  const subRows: (typeof subscriptions.$inferInsert)[] = [];
  const perAgency = SCALE.subscriptions / allAgencies.length;
  const cache = new Map<string, typeof insertedServices>();
  for (const a of allAgencies as ((typeof allAgencies)[number] & { deletedOn?: string | null; ministryOrgnr?: string })[]) {
    const key = `${a.kind}:${'ministryOrgnr' in a ? a.ministryOrgnr : a.orgnr}`;
    const candidates = cache.get(key) ?? open(a);
    if (!cache.has(key) && a.kind !== 'ministry') cache.set(key, candidates);
    const n = Math.min(candidates.length, Math.max(1, Math.round(perAgency * (0.5 + rand()))));
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(rand() * candidates.length));
    for (const i of chosen) {
      const s = candidates[i]!;
      const ts = tiersOf.get(s.id);
      const deletedOn = 'deletedOn' in a ? a.deletedOn : null;
      const start = day(2004 + Math.floor(rand() * 20), 1 + Math.floor(rand() * 12), 1);
      const r = rand();
      if (r < 0.12 && ts) {
        // A tier change: one row ends, the next starts the day after.
        const y = Number(start.slice(0, 4)) + 1 + Math.floor(rand() * 2);
        subRows.push({ agencyOrgnr: a.orgnr, serviceId: s.id, tierId: ts[0], startedOn: start, endedOn: day(y, 12, 31), endReason: 'tier_change' });
        subRows.push({ agencyOrgnr: a.orgnr, serviceId: s.id, tierId: ts[2], startedOn: day(y + 1, 1, 1) });
      } else if (r < 0.25) {
        subRows.push({ agencyOrgnr: a.orgnr, serviceId: s.id, tierId: ts ? pick(ts) : null, startedOn: start, endedOn: day(Math.min(2025, Number(start.slice(0, 4)) + 1 + Math.floor(rand() * 5)), 6, 30), endReason: 'left' });
      } else {
        subRows.push({ agencyOrgnr: a.orgnr, serviceId: s.id, tierId: ts ? pick(ts) : null, startedOn: deletedOn ? '2010-01-01' : rand() < 0.02 ? null : start, endedOn: deletedOn });
      }
      if (subRows.length >= SCALE.subscriptions) break;
    }
    if (subRows.length >= SCALE.subscriptions) break;
  }
  await insertInBatches('subscriptions', subRows, (b) => db.insert(subscriptions).values(b), 5_000);
  return { allAgencies, ministries, state, municipalities };
}

/** The generated organisations read back from a kept data dir. */
async function reload(db: Database) {
  console.log('Reusing the generated data (BENCH_PGLITE_DIR or BENCH_PG_DB).');
  const rows = await db.select({ orgnr: agencies.orgnr, kind: agencies.kind, ministryOrgnr: agencies.ministryOrgnr, employees: agencies.employees, deletedOn: agencies.deletedOn }).from(agencies);
  const by = (k: string) => rows.filter((r) => r.kind === k);
  return { allAgencies: rows, ministries: by('ministry'), state: by('agency'), municipalities: by('municipality') };
}

interface Timing {
  label: string;
  runs: number[];
  note: string;
}

/** Times `fn` RUNS times after a warm-up; a number it returns is its own measurement of the part that counts (ms). */
async function time(label: string, fn: () => Promise<unknown>, note = ''): Promise<Timing> {
  await fn(); // warm-up: plans, caches, JIT
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const measured = await fn();
    runs.push(typeof measured === 'number' ? measured : performance.now() - t0);
  }
  return { label, runs: runs.sort((a, b) => a - b), note };
}

function printTable(results: Timing[], what = 'query') {
  const fmt = (n: number) => n.toFixed(0);
  console.log(`| ${what} | median | min | max | note |`);
  console.log('|---|---:|---:|---:|---|');
  for (const r of results) {
    const median = r.runs[Math.floor(r.runs.length / 2)]!;
    const verdict = r.note ? `${r.note}: ${median <= 200 ? 'met' : 'NOT met'}` : '';
    console.log(`| ${r.label} | ${fmt(median)} | ${fmt(r.runs[0]!)} | ${fmt(r.runs.at(-1)!)} | ${verdict} |`);
  }
}

/**
 * The statistics pages as a reader gets them, uncached: the first request after a change (a no-op update of the areas
 * bumps the catalogue's data version, as any write does), through the app (queries, React, the charts' SVG, tables).
 */
async function timePages(handle: DatabaseHandle) {
  const app = await buildApp({ config: benchConfig(), database: handle }, { logger: false });
  await app.ready();
  const results: Timing[] = [];
  try {
    for (const url of ['/statistikk/dekning', '/statistikk/hull', '/statistikk/bruk', '/statistikk/utvikling', '/api/v1/stats/coverage', '/api/v1/stats/adoption', '/api/v1/stats/trends']) {
      const page = async () => {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      };
      results.push(
        await time(
          url,
          async () => {
            await queryRows(handle.db, sql`update areas set sort_order = sort_order`);
            // The version feed (PGlite, or a listening node) delivers the bump asynchronously.
            await new Promise((r) => setTimeout(r, 20));
            const t0 = performance.now();
            await page();
            return performance.now() - t0;
          },
          'target ≤ 200 ms',
        ),
      );
    }
  } finally {
    await app.close();
  }
  console.log(`\nStatistics pages on ${handle.engine}, uncached (the first request after a change), ${RUNS} timed runs each after one warm-up (ms)`);
  printTable(results, 'page');
}

async function main() {
  const url = process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  let cleanup = async () => {};
  if (url) {
    // BENCH_PG_DB keeps the generated data in that database between runs (for working on the queries with EXPLAIN).
    const keep = process.env.BENCH_PG_DB;
    const name = keep ?? `ft_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = keep && (await admin.query('select 1 from pg_database where datname = $1', [keep])).rowCount;
    if (!exists) await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    handle = await openDatabase({ url: u.toString(), poolSize: 10 });
    cleanup = async () => {
      await handle.close();
      if (keep) return;
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  } else {
    // BENCH_PGLITE_DIR keeps the generated data between runs (for working on the queries); otherwise a temporary dir.
    const keep = process.env.BENCH_PGLITE_DIR;
    const dir = keep ?? mkdtempSync(join(tmpdir(), 'ft-bench-stats-'));
    handle = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await handle.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await handle.migrate();
    const db = handle.db;
    const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agencies`);
    const kept = !!(process.env.BENCH_PGLITE_DIR || (url && process.env.BENCH_PG_DB));
    if (Number(existing?.n) > 0 && !kept) throw new Error('The benchmark database is not empty.');
    const data = Number(existing?.n) > 0 ? await reload(db) : await generate(db);
    await queryRows(db, sql`analyze`);
    const [counts] = await queryRows<{ a: number; s: number; x: number; active: number }>(
      db,
      sql`select (select count(*) from agencies)::int as a, (select count(*) from services)::int as s, (select count(*) from subscriptions)::int as x,
                 (select count(*) from subscriptions where ended_on is null)::int as active`,
    );
    console.log(`Dataset on ${handle.engine}: ${counts!.a} organisations, ${counts!.s} services, ${counts!.x} subscriptions (${counts!.active} open).`);
    const today = osloToday();
    const pop = defaultPopulation();
    const someAgency = data.state.find((a) => !a.deletedOn && a.employees !== null)!;
    const someMinistry = data.ministries[3]!;
    const someMunicipality = data.municipalities[10]!;
    const recFor = (a: { orgnr: string; kind: OrganisationKind; ministryOrgnr?: string | null; employees: number | null }) =>
      recommendationsFor(db, th, today, { orgnr: a.orgnr, kind: a.kind, ministryOrgnr: a.ministryOrgnr ?? null, employees: a.employees, deletedOn: null }, 'nb');
    const allServices = (await adoptionReport(db, th, today, {}, 'users', 'nb')).rows.map((r) => r.service);
    const results: Timing[] = [];
    results.push(await time('coverage matrix (summary + page of 50 agencies)', () => coverageReport(db, th, today, pop, 'nb', { offset: 0, limit: 50 }), 'target ≤ 200 ms'));
    results.push(await time('coverage matrix, one ministry area', () => coverageReport(db, th, today, { ...pop, ministry: someMinistry.orgnr }, 'nb', { offset: 0, limit: 50 }), 'target ≤ 200 ms'));
    results.push(await time('adoption, all 2,000 services by size class', () => adoptionReport(db, th, today, {}, 'users', 'nb'), 'target ≤ 200 ms'));
    results.push(await time('recommendations, an agency', () => recFor(someAgency), 'target ≤ 200 ms'));
    results.push(await time('recommendations, a ministry', () => recFor({ ...someMinistry, ministryOrgnr: null }), 'target ≤ 200 ms'));
    results.push(await time('recommendations, a municipality', () => recFor(someMunicipality), 'target ≤ 200 ms'));
    // What a page or the API gets: the same reports through the data-version cache (one version query, then memory).
    results.push(await time('coverage matrix, served (data-version cache)', () => served.coverageReport(db, th, today, pop, 'nb', { offset: 0, limit: 50 }), 'target ≤ 200 ms'));
    results.push(await time('adoption, served (data-version cache)', () => served.adoptionReport(db, th, today, {}, 'users', 'nb'), 'target ≤ 200 ms'));
    results.push(
      await time('recommendations, an agency, served (data-version cache)', () => served.recommendationsFor(db, th, today, { orgnr: someAgency.orgnr, kind: 'agency', ministryOrgnr: someAgency.ministryOrgnr, employees: someAgency.employees, deletedOn: null }, 'nb'), 'target ≤ 200 ms'),
    );
    results.push(await time('gap (exposed agencies + page of 50)', () => gapReport(db, th, today, pop, 'nb', { offset: 0, limit: 50 })));
    results.push(await time('tier distribution, all services', () => tierReport(db, today, allServices)));
    results.push(await time('trends by area, yearly since 2004', () => trendReport(db, today, 'area', {}, 2004)));
    console.log(`\nStatistics queries on ${handle.engine}, ${RUNS} timed runs each after one warm-up (ms); uncached unless marked served`);
    printTable(results);
    await timePages(handle);
    console.log(machineCaveat());
  } finally {
    await cleanup();
  }
}

await main();
