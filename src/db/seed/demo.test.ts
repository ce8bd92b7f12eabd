/**
 * The demo dataset, loaded into an in-memory PGlite, holds the facts the report states. Every figure asserted here
 * comes from the report (DFØ 10.12.2020) or the brief, not from the data, so a wrong dataset fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidOrgnr } from '../../domain/orgnr.js';
import { sizeClassOf } from '../../domain/sizeClass.js';
import { openDatabase, queryRows, sql, type DatabaseHandle } from '../database.js';
import { loadDemoData, loadDemoDataIfEmpty, type DemoLoadSummary } from './demo.js';

let handle: DatabaseHandle;
let summary: DemoLoadSummary;
let loadMs = 0;

beforeAll(async () => {
  handle = await openDatabase({});
  await handle.migrate();
  const t0 = performance.now();
  summary = await loadDemoData(handle.db);
  loadMs = performance.now() - t0;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(handle.db, q);
const num = (v: unknown) => Number(v);

/** Active (open) subscriptions of a service, per tier. */
async function activeTiers(service: string): Promise<Record<string, number>> {
  const r = await rows<{ tier: string | null; n: number }>(sql`
    select t.slug as tier, count(*)::int as n
    from subscriptions x join services s on s.id = x.service_id left join tiers t on t.id = x.tier_id
    where s.slug = ${service} and x.ended_on is null group by t.slug`);
  return Object.fromEntries(r.map((x) => [x.tier ?? '-', num(x.n)]));
}
async function activeAgencies(service: string): Promise<string[]> {
  const r = await rows<{ orgnr: string }>(sql`
    select x.agency_orgnr as orgnr from subscriptions x join services s on s.id = x.service_id
    where s.slug = ${service} and x.ended_on is null`);
  return r.map((x) => x.orgnr);
}
/** Subscriptions of a service that were running on a given day. */
async function countOn(service: string, day: string): Promise<number> {
  const [r] = await rows<{ n: number }>(sql`
    select count(*)::int as n from subscriptions x join services s on s.id = x.service_id
    where s.slug = ${service} and x.started_on <= ${day}::date and (x.ended_on is null or x.ended_on >= ${day}::date)`);
  return num(r?.n);
}
const sum = (o: Record<string, number>, ...keys: string[]) => keys.reduce((a, k) => a + (o[k] ?? 0), 0);
/** The report's date: its figures hold on this day in the register's history (issue 17, item 5). */
const REPORT_DAY = '2020-12-10';
/** Subscriptions of a service running on a day, per tier. */
async function tiersOn(service: string, day: string): Promise<Record<string, number>> {
  const r = await rows<{ tier: string | null; n: number }>(sql`
    select t.slug as tier, count(*)::int as n
    from subscriptions x join services s on s.id = x.service_id left join tiers t on t.id = x.tier_id
    where s.slug = ${service} and x.started_on <= ${day}::date and (x.ended_on is null or x.ended_on >= ${day}::date) group by t.slug`);
  return Object.fromEntries(r.map((x) => [x.tier ?? '-', num(x.n)]));
}
/** Distinct agencies using a service on a day. */
async function distinctOn(service: string, day: string): Promise<number> {
  const [r] = await rows<{ n: number }>(sql`
    select count(distinct x.agency_orgnr)::int as n from subscriptions x join services s on s.id = x.service_id
    where s.slug = ${service} and x.started_on <= ${day}::date and (x.ended_on is null or x.ended_on >= ${day}::date)`);
  return num(r?.n);
}

describe('loading', () => {
  it('loads in seconds and reports what it wrote', async () => {
    console.info(`demo dataset loaded in ${Math.round(loadMs)} ms:`, summary);
    expect(loadMs).toBeLessThan(15_000);
    const [c] = await rows<{ s: number; a: number; x: number }>(sql`
      select (select count(*) from services)::int as s, (select count(*) from agencies)::int as a, (select count(*) from subscriptions)::int as x`);
    expect(num(c?.s)).toBe(summary.services);
    expect(num(c?.a)).toBe(summary.agencies);
    expect(num(c?.x)).toBe(summary.subscriptions);
  });

  it('does not load twice', async () => {
    expect(await loadDemoDataIfEmpty(handle.db)).toBeUndefined();
  });
});

describe('the catalogue', () => {
  it('has well over 120 services', () => {
    expect(summary.services).toBeGreaterThan(120);
  });

  it('has services from every provider the report names', async () => {
    const r = await rows<{ slug: string; n: number }>(sql`
      select p.slug, count(s.id)::int as n from providers p left join services s on s.provider_id = p.id group by p.slug`);
    const bySlug = Object.fromEntries(r.map((x) => [x.slug, num(x.n)]));
    const named = [
      'dfo', 'statens-innkjopssenter', 'markedsplass-for-skytjenester', 'statsbygg', 'dss', 'ssie', 'nksb', 'digdir',
      'statens-innkrevingssentral', 'uninett', 'unit', 'norsk-helsenett', 'miljodirektoratet', 'fmfa', 'nasjonalbiblioteket',
    ];
    for (const p of named) expect(bySlug[p], p).toBeGreaterThan(0);
    const [networks] = await rows<{ n: number }>(sql`
      select count(*)::int as n from services s join providers p on p.id = s.provider_id where p.model = 'network'`);
    expect(num(networks?.n)).toBeGreaterThan(0);
  });

  it('has DFØ payroll with its eight sub-services and the report models as tiers', async () => {
    const subs = await rows<{ name: string }>(sql`
      select c.name->>'nb' as name from services c join services p on p.id = c.parent_service_id where p.slug = 'dfo-lonn'`);
    expect(subs).toHaveLength(8);
    for (const word of ['Lønnsutbetaling', 'NAV-refusjoner', 'a-ordningen', 'Reiseregninger', 'turnus', 'Utlegg', 'HR', 'lønnsforhandlinger']) {
      expect(subs.some((s) => s.name.includes(word)), word).toBe(true);
    }
    const tiers = await rows<{ slug: string; kind: string; current: boolean }>(sql`
      select t.slug, t.kind, t.current from tiers t join services s on s.id = t.service_id where s.slug = 'dfo-lonn'`);
    const t = Object.fromEntries(tiers.map((x) => [x.slug, x]));
    for (const old of ['basis', 'delservice', 'fullservice']) expect(t[old]?.current).toBe(false);
    expect(t.grunnpakke?.current).toBe(true);
    expect(t.tilleggstjenester?.kind).toBe('addon');
    const [payroll] = await rows<{ financing: string[] }>(sql`select financing from services where slug = 'dfo-lonn'`);
    expect(payroll?.financing).toEqual(['charging_authority', 'budget_transfer']);
  });

  it('has 19 mandatory framework agreements with opt-out from Statens innkjøpssenter', async () => {
    const r = await rows<{ kind: string; obligation: string; n: number }>(sql`
      select s.kind, s.obligation, count(*)::int as n from services s join providers p on p.id = s.provider_id
      where p.slug = 'statens-innkjopssenter' group by s.kind, s.obligation`);
    expect(r).toEqual([{ kind: 'framework_agreement', obligation: 'mandatory_opt_out', n: 19 }]);
  });

  it('has Uninett\'s 20 infrastructure services as the report lists them', async () => {
    const r = await rows<{ name: string }>(sql`
      select s.name->>'nb' as name from services s join providers p on p.id = s.provider_id where p.slug = 'uninett'`);
    const names = r.map((x) => x.name.toLowerCase());
    const report = [
      'forskningsnett', 'eduroam', 'ruterdrift', 'cnaas', 'nettadministrasjon', 'private nettforbindelser', 'trådløst gjestenett', 'eduvpn', 'rådgivning',
      'dns-brannmur', 'sikkerhetssertifikater', 'logganalyse', 'sikkerhetsanalyse',
      'skype for business', 'sanntid tale', 'sentralbord og kontaktsenter', 'zoom møte', 'zoom undervisning', 'zoom grunnskole',
      'feide',
    ];
    for (const n of report) expect(names.filter((x) => x.includes(n)).length, n).toBeGreaterThanOrEqual(1);
    expect(names.filter((x) => !x.includes('cert'))).toHaveLength(20);
  });

  it('marks the Markedsplass first version 2021, voluntary and open to municipalities, with planned agreements', async () => {
    const [m] = await rows<{ launched_on: string; obligation: string; target_group: string }>(sql`
      select launched_on::text, obligation, target_group from services where slug = 'mfs-markedsplass'`);
    expect(m).toEqual({ launched_on: '2021', obligation: 'voluntary', target_group: 'state_and_municipal' });
    const [p] = await rows<{ n: number }>(sql`
      select count(*)::int as n from services s join providers p on p.id = s.provider_id
      where p.slug = 'markedsplass-for-skytjenester' and s.status = 'planned'`);
    expect(num(p?.n)).toBeGreaterThanOrEqual(9);
  });

  it('gives SSiE its 99.7 % uptime guarantee and its support channels', async () => {
    const [s] = await rows<{ uptime: string; channels: string[] }>(sql`
      select service_levels->>'uptimePercent' as uptime, support_channels as channels from services where slug = 'ssie-sentralbord-og-kundesenter'`);
    expect(Number(s?.uptime)).toBe(99.7);
    expect(s?.channels).toEqual(expect.arrayContaining(['contact_person', 'status_meeting', 'customer_forum']));
  });

  it('finds services by Norwegian synonyms', async () => {
    const search = async (words: string) =>
      (await rows<{ slug: string }>(sql`select slug from services where search_vector @@ plainto_tsquery('norwegian', fold_search(${words}))`)).map((x) => x.slug);
    expect(await search('lønnstjenester')).toContain('dfo-lonn');
    expect(await search('sentralbord')).toContain('ssie-sentralbord-og-kundesenter');
    expect(await search('sikring av bygg')).toContain('nksb-sikring-av-bygg');
  });

  it('gives every service a name and a summary in nynorsk and English (the data quality page starts clean)', async () => {
    const missing = await rows<{ slug: string }>(sql`
      select slug from services
      where coalesce(btrim(summary->>'nn'), '') = '' or coalesce(btrim(summary->>'en'), '') = ''
         or coalesce(btrim(name->>'nn'), '') = '' or coalesce(btrim(name->>'en'), '') = '' order by slug`);
    expect(missing.map((m) => m.slug)).toEqual([]);
    const [n] = await rows<{ n: number }>(sql`select count(*)::int as n from services where summary->>'nn' <> summary->>'nb'`);
    expect(num(n?.n)).toBeGreaterThan(150); // real nynorsk, not the bokmål copied
  });

  it('dates some entries recently, so "new and changed" means something', async () => {
    const [r] = await rows<{ recent: number; old: number }>(sql`
      select count(*) filter (where updated_at >= '2024-01-01')::int as recent,
             count(*) filter (where updated_at < '2021-01-01')::int as old from services`);
    expect(num(r?.recent)).toBeGreaterThanOrEqual(10);
    expect(num(r?.old)).toBeGreaterThan(100);
  });
});

describe('the usage register matches the report', () => {
  it('DFØ payroll on the report’s day: about 90 % of the state agencies, split basis/delservice/fullservice ≈ 28/6/66 %', async () => {
    const t = await tiersOn('dfo-lonn', REPORT_DAY);
    const total = sum(t, ...Object.keys(t));
    const [state] = await rows<{ n: number }>(sql`
      select count(*)::int as n from agencies where kind in ('ministry', 'agency', 'other') and (deleted_on is null or deleted_on > ${REPORT_DAY}::date)`);
    expect(Math.abs(total / num(state?.n) - 0.9)).toBeLessThan(0.05);
    expect(Math.round((100 * t.basis!) / total)).toBe(28);
    expect(Math.round((100 * t.delservice!) / total)).toBe(6);
    expect(Math.round((100 * t.fullservice!) / total)).toBe(66);
    // The basic package (grunnpakke) came after the report, from 2022.
    expect(t.grunnpakke ?? 0).toBe(0);
    expect((await tiersOn('dfo-lonn', '2021-12-31')).grunnpakke ?? 0).toBeLessThan((await tiersOn('dfo-lonn', '2023-12-31')).grunnpakke!);
    // Today: about 180 customers, the report's "~180 agencies".
    expect(sum(await activeTiers('dfo-lonn'), ...Object.keys(await activeTiers('dfo-lonn')))).toBe(180);
  });

  it('DFØ payroll: not NAV or Forsvaret; the four big universities joined 2021–2022', async () => {
    const customers = await activeAgencies('dfo-lonn');
    expect(customers).not.toContain('889640782'); // NAV
    expect(customers).not.toContain('986105174'); // Forsvaret
    const r = await rows<{ orgnr: string; started: string }>(sql`
      select x.agency_orgnr as orgnr, min(x.started_on)::text as started from subscriptions x join services s on s.id = x.service_id
      where s.slug = 'dfo-lonn' and x.agency_orgnr in ('874789542', '971035854', '974767880', '970422528') group by x.agency_orgnr`);
    expect(r).toHaveLength(4);
    for (const u of r) expect(u.started >= '2021-01-01' && u.started < '2023-01-01', u.orgnr).toBe(true);
  });

  it('DFØ accounting on the report’s day: 147 agencies (about 75 %) split delservice/fullservice ≈ 29.7/70.3 %; 25–30 more after', async () => {
    const t = await tiersOn('dfo-regnskap', REPORT_DAY);
    const total = sum(t, ...Object.keys(t));
    expect(total).toBe(147);
    expect((100 * t.delservice!) / total).toBeCloseTo(29.7, 0);
    expect((100 * t.fullservice!) / total).toBeCloseTo(70.3, 0);
    const [state] = await rows<{ n: number }>(sql`
      select count(*)::int as n from agencies where kind in ('ministry', 'agency', 'other') and (deleted_on is null or deleted_on > ${REPORT_DAY}::date)`);
    expect(Math.abs(total / num(state?.n) - 0.75)).toBeLessThan(0.05);
    const [late] = await rows<{ n: number }>(sql`
      select count(distinct x.agency_orgnr)::int as n from subscriptions x join services s on s.id = x.service_id
      where s.slug = 'dfo-regnskap' and x.ended_on is null
        and not exists (select 1 from subscriptions y where y.agency_orgnr = x.agency_orgnr and y.service_id = x.service_id and y.started_on < '2020-12-10')`);
    expect(num(late?.n)).toBeGreaterThanOrEqual(25);
    expect(num(late?.n)).toBeLessThanOrEqual(30);
    const now = await activeTiers('dfo-regnskap');
    expect(sum(now, ...Object.keys(now))).toBeGreaterThanOrEqual(147 + 25 - 3);
  });

  it('SSiE: 26 customers including all ten county governors (and 26 on the report’s day)', async () => {
    expect(await distinctOn('ssie-sentralbord-og-kundesenter', REPORT_DAY)).toBe(26);
    const customers = await activeAgencies('ssie-sentralbord-og-kundesenter');
    expect(customers).toHaveLength(26);
    const governors = await rows<{ orgnr: string }>(sql`
      select orgnr from agencies where name->>'nb' like 'Statsforvalteren i %' and deleted_on is null`);
    expect(governors).toHaveLength(10);
    for (const g of governors) expect(customers).toContain(g.orgnr);
  });

  it('Statens innkrevingssentral collects for 44 agencies, among them the police and customs (on the report’s day too)', async () => {
    expect(await distinctOn('si-innkreving-av-statlige-krav', REPORT_DAY)).toBe(44);
    const customers = await activeAgencies('si-innkreving-av-statlige-krav');
    expect(customers).toHaveLength(44);
    expect(customers).toEqual(expect.arrayContaining(['915429785', '974761343', '971032081', '960885406']));
  });

  it('Norsk helsenett: archive for 8 and mail for 10 HOD agencies at the time of the report', async () => {
    expect(await countOn('nhn-arkiv-og-dokumentforvaltning', '2020-12-10')).toBe(8);
    expect(await countOn('nhn-digitalt-postmottak', '2020-12-10')).toBe(10);
    const [outside] = await rows<{ n: number }>(sql`
      select count(*)::int as n from subscriptions x join services s on s.id = x.service_id join agencies a on a.orgnr = x.agency_orgnr
      where s.slug in ('nhn-arkiv-og-dokumentforvaltning', 'nhn-digitalt-postmottak') and a.ministry_orgnr <> '983887406'`);
    expect(num(outside?.n)).toBe(0);
  });

  it('Miljødirektoratet runs IT for four environment agencies, not the Meteorological Institute', async () => {
    const customers = await activeAgencies('mdir-felles-ikt-drift');
    expect(customers.sort()).toEqual(['919666102', '971022264', '974760819', '985980101'].sort());
    expect(customers).not.toContain('971274042');
  });

  it('Nasjonalbiblioteket serves Språkrådet and NLB; FMFA serves the county governors; DSS the ministries', async () => {
    expect((await activeAgencies('nb-okonomitjenester')).sort()).toEqual(['970145567', '971527404']);
    expect(await activeAgencies('fmfa-it-drift')).toHaveLength(10);
    const ministries = await rows<{ orgnr: string }>(sql`select orgnr from agencies where kind = 'ministry'`);
    expect(ministries).toHaveLength(17);
    const dssCustomers = await activeAgencies('dss-fellesbibliotek');
    for (const m of ministries) expect(dssCustomers).toContain(m.orgnr);
  });

  it('framework agreements: about 190 eligible agencies, only 2–3 opt out of some agreements, more of others', async () => {
    const r = await rows<{ slug: string; n: number }>(sql`
      select s.slug, count(*)::int as n from subscriptions x join services s on s.id = x.service_id join providers p on p.id = s.provider_id
      where p.slug = 'statens-innkjopssenter' and x.ended_on is null group by s.slug`);
    const [eligible] = await rows<{ n: number }>(sql`
      select count(*)::int as n from agencies where kind in ('ministry', 'agency', 'other') and deleted_on is null`);
    const e = num(eligible?.n);
    expect(e).toBeGreaterThanOrEqual(180);
    expect(e).toBeLessThanOrEqual(200);
    const optOuts = r.map((x) => e - num(x.n));
    expect(Math.min(...optOuts)).toBeGreaterThanOrEqual(2);
    expect(optOuts.filter((o) => o <= 3).length).toBeGreaterThan(0);
    expect(Math.max(...optOuts)).toBeGreaterThan(10);
  });
});

describe('agencies', () => {
  it('has the eleven interviewed agencies, by org number', async () => {
    // [org number, name], the seven small and medium ones first (report 1.3, footnote 2).
    const interviewed: [string, string][] = [
      ['982391490', 'Lotteri- og stiftelsestilsynet'],
      ['981965132', 'Norec'],
      ['916132727', 'Valgdirektoratet'],
      ['974761335', 'Forbrukertilsynet'],
      ['874761192', 'Justervesenet'],
      ['988681873', 'Likestillings- og diskrimineringsombudet'],
      ['979363974', 'Jernbanetilsynet'],
      ['974761424', 'DSS'],
      ['971032081', 'Statens vegvesen'],
      ['971203420', 'Fiskeridirektoratet'],
      ['874789542', 'Universitetet i Bergen'],
    ];
    const list = sql.join(interviewed.map(([o]) => sql`${o}`), sql`, `);
    const r = await rows<{ orgnr: string; name: string; short: string | null; employees: number | null }>(sql`
      select orgnr, name->>'nb' as name, short_name as short, employees from agencies where orgnr in (${list})`);
    expect(r).toHaveLength(11);
    const byOrgnr = new Map(r.map((a) => [a.orgnr, a]));
    for (const [orgnr, name] of interviewed) {
      const a = byOrgnr.get(orgnr);
      expect(`${a?.name} ${a?.short ?? ''}`, orgnr).toContain(name);
    }
    // The report calls the first seven small or medium (< 150 employees), the last four large (> 200).
    const size = (orgnr: string) => sizeClassOf(byOrgnr.get(orgnr)?.employees);
    for (const [o] of interviewed.slice(0, 7)) expect(['small', 'medium']).toContain(size(o));
    for (const [o] of interviewed.slice(7)) expect(size(o)).toBe('large');
  });

  it('has only org numbers that pass MOD11', async () => {
    const r = await rows<{ orgnr: string }>(sql`
      select orgnr from agencies union select orgnr from providers where orgnr is not null
      union select agency_orgnr from subscriptions union select ministry_orgnr from agencies where ministry_orgnr is not null`);
    expect(r.length).toBeGreaterThan(200);
    expect(r.filter((x) => !isValidOrgnr(x.orgnr))).toEqual([]);
  });

  it('has today\'s ministries, and agencies under today\'s ministry structure', async () => {
    const r = await rows<{ orgnr: string; ministry: string | null }>(sql`
      select a.orgnr, m.short_name as ministry from agencies a left join agencies m on m.orgnr = a.ministry_orgnr
      where a.orgnr in ('991825827', '986252932', '974761424', '982391490')`);
    const m = Object.fromEntries(r.map((x) => [x.orgnr, x.ministry]));
    expect(m['991825827']).toBe('DFD'); // Digdir, formerly under KMD
    expect(m['986252932']).toBe('DFD'); // DFØ
    expect(m['974761424']).toBe('DFD'); // DSS
    expect(m['982391490']).toBe('KUD');
    const [renamed] = await rows<{ name: string }>(sql`select name->>'nb' as name from agencies where orgnr = '991825827'`);
    expect(renamed?.name).toBe('Digitaliseringsdirektoratet');
  });

  it('has agencies in the 151–200 gap and agencies with unknown employees', async () => {
    const r = await rows<{ employees: number | null }>(sql`
      select employees from agencies where kind in ('agency', 'ministry') and deleted_on is null`);
    const classes = r.map((x) => sizeClassOf(x.employees));
    expect(classes.filter((c) => c === 'gap').length).toBeGreaterThanOrEqual(5);
    expect(classes.filter((c) => c === 'unknown').length).toBeGreaterThanOrEqual(5);
    expect(classes.filter((c) => c === 'small').length).toBeGreaterThan(10);
    expect(classes.filter((c) => c === 'large').length).toBeGreaterThan(10);
  });

  it('has municipalities, and some of them use services open to municipalities', async () => {
    const [r] = await rows<{ n: number }>(sql`
      select count(distinct x.agency_orgnr)::int as n from subscriptions x join agencies a on a.orgnr = x.agency_orgnr
      join services s on s.id = x.service_id where a.kind = 'municipality' and s.slug = 'mfs-markedsplass'`);
    expect(num(r?.n)).toBeGreaterThan(0);
  });
});

describe('history', () => {
  it('has ended rows, mergers and tier changes that are followed by a new row', async () => {
    const reasons = await rows<{ reason: string; n: number }>(sql`
      select end_reason as reason, count(*)::int as n from subscriptions where ended_on is not null group by end_reason`);
    const byReason = Object.fromEntries(reasons.map((x) => [x.reason, num(x.n)]));
    expect(byReason.merger).toBeGreaterThan(0);
    expect(byReason.tier_change).toBeGreaterThan(0);
    const [orphans] = await rows<{ n: number }>(sql`
      select count(*)::int as n from subscriptions x where x.end_reason = 'tier_change' and not exists (
        select 1 from subscriptions y where y.agency_orgnr = x.agency_orgnr and y.service_id = x.service_id
          and y.started_on = x.ended_on + 1 and y.tier_id is distinct from x.tier_id)`);
    expect(num(orphans?.n)).toBe(0);
    const [moved] = await rows<{ n: number }>(sql`
      select count(*)::int as n from subscriptions x join tiers t on t.id = x.tier_id join subscriptions y
        on y.agency_orgnr = x.agency_orgnr and y.service_id = x.service_id and y.started_on = x.ended_on + 1
      join tiers u on u.id = y.tier_id join services s on s.id = x.service_id
      where s.slug = 'dfo-lonn' and t.slug = 'basis' and u.slug = 'grunnpakke' and y.started_on between '2021-01-01' and '2022-12-31'`);
    expect(num(moved?.n)).toBeGreaterThan(0);
  });

  it('has start dates spread over 2004–2024 and payroll customers growing over time', async () => {
    const [span] = await rows<{ first: string; last: string; years: number }>(sql`
      select min(started_on)::text as first, max(started_on)::text as last,
             count(distinct extract(year from started_on))::int as years from subscriptions`);
    expect(span!.first <= '2005-12-31').toBe(true);
    expect(span!.last >= '2024-01-01').toBe(true);
    expect(num(span?.years)).toBeGreaterThanOrEqual(20);
    const counts = [];
    for (const day of ['2006-01-01', '2012-01-01', '2018-01-01', '2024-01-01']) counts.push(await countOn('dfo-lonn', day));
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!);
  });
});
