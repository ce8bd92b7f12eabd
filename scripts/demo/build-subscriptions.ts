/**
 * Builds data/demo/subscriptions.json: who uses which service, in which tier, from when to when.
 *
 * The report gives totals, not names, so every row is illustrative. The generator places the report's totals
 * (DFØ payroll 180 split 50/11/119, accounting 147 split 44/103, SSiE 26, the collection agency 44, NHN archive 8
 * and mail 10 …) on plausible agencies, and adds the history trends need: start dates spread over 2004–2024,
 * rows ended by mergers and departures, and tier changes (an ended row with endReason "tier_change" followed by a
 * new row). Randomness comes from a fixed seed, so the same inputs give the same file.
 *
 *   npx tsx scripts/demo/build-subscriptions.ts
 */
import { join } from 'node:path';
import { readDemoData } from '../../src/db/seed/demo.js';
import { partialDateStart } from '../../src/domain/partialDate.js';
import { resolveServices, validateDemoData, type AgencyRecord, type SubscriptionRecord } from '../../src/db/seed/format.js';
import { demoDataDir } from '../../src/paths.js';
import { compact, writeJsonLines } from './io.js';
import { prng } from '../../src/domain/random.js';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

// The seed is the report's date.
const random = prng(20201210);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function shuffled<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
const sample = <T>(items: readonly T[], n: number): T[] => shuffled(items).slice(0, n);

// ---------------------------------------------------------------------------------------------------------------
// Dates

const pad = (n: number) => String(n).padStart(2, '0');
/** The first of a month in [fromYear, toYear]; agreements and onboardings start on the first of a month. */
const monthStart = (fromYear: number, toYear: number) => `${int(fromYear, toYear)}-${pad(int(1, 12))}-01`;
const maxDate = (a: string, b: string) => (a > b ? a : b);
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// The agencies the rules talk about, by org number

const MIN = {
  SMK: '972417777', AID: '983887457', BFD: '972417793', DFD: '932384469', ED: '977161630', FIN: '972417807', FD: '972417823',
  HOD: '983887406', JD: '972417831', KLD: '972417882', KDD: '972417858', KUD: '972417866', KD: '872417842', LMD: '972417874',
  NFD: '912660680', SD: '972417904', UD: '972417920',
} as const;
const A = {
  NAV: '889640782', FORSVARET: '986105174', STORTINGET: '971524960', RIKSREVISJONEN: '974760843', NIM: '914781175',
  EKSFIN: '974760908', DSS: '974761424', REGJERINGSADVOKATEN: '974761378', NORAD: '971277882', DOMSTOLENE: '984195796',
  UIB: '874789542', UIO: '971035854', NTNU: '974767880', UIT: '970422528', POLITIET: '915429785', SVV: '971032081',
  LANEKASSEN: '960885406', TOLLETATEN: '974761343', HDIR: '983544622', EHELSE: '915933149', HTIL: '974761394',
  FHI: '983744516', DMP: '974761122', DSA: '867668292', NPE: '984936923', HELSEKLAGE: '984936966', BIOTEK: '980633446',
  UKOM: '921018924', MDIR: '999601391', NPI: '971022264', RA: '974760819', KMF: '985980101', ADB: '919666102',
  MET: '971274042', SPRAKRADET: '971527404', NLB: '970145567', STAF: '921627009', SIKT: '919477822', UDIR: '970018131',
  HKDIR: '974788985', STATPED: '998554640', FORSKNINGSRADET: '970141669', FFI: '970963340', PST: '974769484',
  NSM: '985165262', FORSVARSBYGG: '975950662', STATSBYGG: '971278374', ENGERDAL: '964948976',
} as const;
const UH = [
  A.UIB, A.UIO, A.NTNU, A.UIT, '970546200', '971564679', '969159570', '970940243', '911770709', '997058925', '917641404',
  '974789523', '971526033', '974761106', '971526378', '977027233', '971555483', '971567376', '974809672', '971519363',
];
const BIG_FOUR: string[] = [A.NTNU, A.UIT, A.UIB, A.UIO];
const STATSFORVALTERE = [
  '974762994', '974761645', '974764067', '974764687', '974763230', '967311014', '974764350', '974762501', '974760665', '974761319',
];
const RESEARCH_INSTITUTES = ['971349077', A.MET, A.NPI, A.FFI, '988983837', '970188290', A.FHI, '970955623', '874761222', '970955992'];

/**
 * The year an organisation number came into use, where it is later than 2004 (the register extracts do not say;
 * these follow the curation notes). Nothing starts before it.
 */
const FIRST_YEAR: Record<string, number> = {
  [MIN.DFD]: 2024, [MIN.NFD]: 2014, '916075855': 2016, '916810962': 2017, '916132727': 2016, '917641404': 2017,
  '911770709': 2016, '997058925': 2011, [A.UKOM]: 2019, [A.STAF]: 2019, [A.ADB]: 2017, '918929673': 2017,
  '920440754': 2018, '917928010': 2019, [A.SIKT]: 2018, [A.EHELSE]: 2016, [A.NIM]: 2015, '916195613': 2016,
  '918195548': 2017, [A.MDIR]: 2013, '911830868': 2013, [A.STATPED]: 2013, '996879828': 2013, '914459265': 2015,
};

// ---------------------------------------------------------------------------------------------------------------

const data = readDemoData();
const agencies = new Map(data.agencies.map((a) => [a.orgnr, a]));
const services = new Map(resolveServices(data).map((s) => [s.slug, s]));
const out: SubscriptionRecord[] = [];

const agency = (orgnr: string): AgencyRecord => {
  const a = agencies.get(orgnr);
  if (!a) throw new Error(`unknown agency ${orgnr}`);
  return a;
};
const isState = (a: AgencyRecord) => a.kind === 'ministry' || a.kind === 'agency' || a.kind === 'other';
const live = (a: AgencyRecord) => a.deletedOn === undefined;
const ministries = data.agencies.filter((a) => a.kind === 'ministry').map((a) => a.orgnr);
const liveState = data.agencies.filter((a) => isState(a) && live(a)).map((a) => a.orgnr);
const deletedState = data.agencies.filter((a) => isState(a) && !live(a)).map((a) => a.orgnr);
const under = (ministry: string, list = liveState) => list.filter((o) => agency(o).ministryOrgnr === ministry);
const municipalities = data.agencies.filter((a) => a.kind === 'municipality').map((a) => a.orgnr);
const employees = (o: string) => agency(o).employees ?? 0;
const bySizeDesc = (list: readonly string[]) => [...list].sort((a, b) => employees(b) - employees(a) || a.localeCompare(b));

/** The earliest date a subscription may start: the service's launch and the organisation's first year. */
function earliest(orgnr: string, service: string): string {
  const launchedOn = services.get(service)?.launchedOn;
  const launched = launchedOn ? partialDateStart(launchedOn) : '2004-01-01';
  return maxDate(launched, `${FIRST_YEAR[orgnr] ?? 2004}-01-01`);
}
/** A start date in [fromYear, toYear], never before earliest(). */
const startIn = (orgnr: string, service: string, fromYear: number, toYear: number) =>
  maxDate(monthStart(fromYear, toYear), earliest(orgnr, service));
/** The last day before a deleted organisation's deletion. */
const lastDay = (orgnr: string) => dayBefore(agency(orgnr).deletedOn!);

interface Period {
  start: string;
  end?: string;
  tier?: string;
  endReason?: string;
  note?: string;
}
function add(orgnr: string, service: string, periods: Period[]) {
  if (!services.has(service)) throw new Error(`unknown service ${service}`);
  for (const p of periods) {
    out.push(compact({ agency: orgnr, service, tier: p.tier, startedOn: p.start, endedOn: p.end, endReason: p.end ? p.endReason : undefined, factSource: 'illustrative' as const, note: p.note }));
  }
}
/** One open subscription per agency from a start date in the years given. */
function simple(service: string, orgnrs: readonly string[], fromYear: number, toYear: number, tier?: string) {
  for (const o of orgnrs) add(o, service, [{ start: startIn(o, service, fromYear, toYear), tier }]);
}
/** Deleted organisations keep their history: a row that ends the day before the organisation disappeared. */
function endedByDeletion(service: string, orgnrs: readonly string[], fromYear: number, toYear: number, tier?: string) {
  for (const o of orgnrs) {
    const end = lastDay(o);
    const start = startIn(o, service, fromYear, Math.min(toYear, Number(end.slice(0, 4)) - 1));
    if (start < end) add(o, service, [{ start, end, tier, endReason: 'merger', note: agency(o).sourceNote?.split('. ').find((s) => /Slått|Inngikk|Avviklet|fusjonert/i.test(s)) }]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// DFØ payroll: 180 active, 50 basis / 11 delservice / 119 fullservice or grunnpakke (Rapport 2.1.1)

const NOT_PAYROLL = new Set<string>([A.NAV, A.FORSVARET, A.STORTINGET, A.RIKSREVISJONEN, A.NIM, A.EKSFIN]);
const payroll = liveState.filter((o) => !NOT_PAYROLL.has(o));
if (payroll.length !== 180) throw new Error(`payroll customers: expected 180, got ${payroll.length}`);
{
  const S = 'dfo-lonn';
  // Newcomers after the report: the four universities, organisations created since, and a few others.
  const bigFourStart: Record<string, string> = { [A.NTNU]: '2021-01-01', [A.UIT]: '2021-07-01', [A.UIB]: '2022-01-01', [A.UIO]: '2022-01-01' };
  const createdLate = payroll.filter((o) => (FIRST_YEAR[o] ?? 2004) >= 2021);
  const others = sample(payroll.filter((o) => !BIG_FOUR.includes(o) && !createdLate.includes(o) && !ministries.includes(o) && employees(o) < 200), 7);
  const newcomers = new Set([...BIG_FOUR, ...createdLate, ...others]);
  const old = payroll.filter((o) => !newcomers.has(o));
  // Large agencies with their own HR staff chose basis; the next ones partial service; the rest full service.
  const oldBySize = bySizeDesc(old);
  const basis = new Set(oldBySize.slice(0, 50));
  const del = new Set(sample(oldBySize.slice(50, 95), 11));
  const full = oldBySize.filter((o) => !basis.has(o) && !del.has(o));
  // In 2021–2022 part of the full-service customers moved to the new basic package (tier change). So did some
  // former basis and partial-service customers, who are counted with full service today.
  const moved = new Set(sample(full, 40));
  const formerBasis = new Set(sample([...moved], 14));
  const formerDel = new Set(sample([...moved].filter((o) => !formerBasis.has(o)), 4));
  for (const o of old) {
    const start = startIn(o, S, 2004, 2020);
    if (basis.has(o) || del.has(o)) {
      const tier = basis.has(o) ? 'basis' : 'delservice';
      // A few partial-service customers moved to basis before 2020, for history in the old models.
      if (tier === 'basis' && random() < 0.1 && start < '2012-01-01') {
        const change = monthStart(Number(start.slice(0, 4)) + 2, 2018);
        add(o, S, [{ start, end: dayBefore(change), tier: 'delservice', endReason: 'tier_change' }, { start: change, tier }]);
      } else add(o, S, [{ start, tier }]);
      continue;
    }
    if (!moved.has(o)) {
      add(o, S, [{ start, tier: 'fullservice' }]);
      continue;
    }
    const before = formerBasis.has(o) ? 'basis' : formerDel.has(o) ? 'delservice' : 'fullservice';
    const change = maxDate(monthStart(2021, 2022), start > '2020-12-01' ? '2021-06-01' : '2021-01-01');
    add(o, S, [
      { start, end: dayBefore(change), tier: before, endReason: 'tier_change' },
      { start: change, tier: 'grunnpakke', note: 'Gikk over til ny tjenestemodell (grunnpakke).' },
    ]);
  }
  for (const o of newcomers) {
    const start = bigFourStart[o] ?? startIn(o, S, 2021, 2024);
    // The big four came from Unit's SAP payroll (see below); their DFØ row starts the day that one ends.
    add(o, S, [{ start, tier: 'grunnpakke' }]);
  }
  // History: merged organisations, and GIEK, which left when it became Eksfin (illustrative).
  endedByDeletion(S, deletedState, 2004, 2012, 'fullservice');
  add(A.EKSFIN, S, [{ start: '2006-01-01', end: '2021-06-30', tier: 'basis', endReason: 'left', note: 'Egen lønnsløsning etter sammenslåingen med Eksportkreditt Norge (illustrerende).' }]);

  // Unit's SAP payroll for the big four until they moved to DFØ.
  for (const o of BIG_FOUR) {
    add(o, 'unit-lonn-og-lonnsnaer-hr', [{ start: '2018-01-01', end: dayBefore(bigFourStart[o]!), endReason: 'moved_to_dfo' }]);
  }

  // Rostering (turnus) for agencies with round-the-clock staff.
  const shiftWork = ['986128433', '911830868', A.POLITIET, '971390425', A.STATPED, '974761157', A.PST, '974769484', '971456523'];
  simple('dfo-lonn-tid-og-turnus', [...new Set(shiftWork)].filter((o) => payroll.includes(o)), 2012, 2020);
  simple('dfo-lonn-tid-og-turnus', sample(payroll.filter((o) => !shiftWork.includes(o)), 30), 2010, 2023);
}

// ---------------------------------------------------------------------------------------------------------------
// DFØ accounting: 147 active, 44 delservice / 103 fullservice or grunnpakke; 25–30 joined after 2020 (Rapport 2.1.2)
{
  const S = 'dfo-regnskap';
  // Universities and colleges all come (most of them after 2020); the largest non-UH agencies keep their own ERP.
  const nonUh = bySizeDesc(payroll.filter((o) => !UH.includes(o)));
  const ownErp = new Set(nonUh.filter((o) => !ministries.includes(o)).slice(0, payroll.length - 147));
  const customers = payroll.filter((o) => !ownErp.has(o));
  if (customers.length !== 147) throw new Error(`accounting customers: expected 147, got ${customers.length}`);
  const lateUh = UH.filter((o) => customers.includes(o) && !['971526033', '974761106'].includes(o));
  const lateOthers = sample(customers.filter((o) => !UH.includes(o) && !ministries.includes(o)), 27 - lateUh.length);
  const late = new Set([...lateUh, ...lateOthers]);
  const old = customers.filter((o) => !late.has(o));
  const del = new Set(bySizeDesc(old).slice(0, 60).filter((o) => !ministries.includes(o)).slice(0, 44));
  const full = old.filter((o) => !del.has(o));
  const moved = new Set(sample(full, 30));
  for (const o of old) {
    const start = startIn(o, S, 2004, 2020);
    if (del.has(o)) add(o, S, [{ start, tier: 'delservice' }]);
    else if (!moved.has(o)) add(o, S, [{ start, tier: 'fullservice' }]);
    else {
      const change = maxDate(monthStart(2021, 2022), start > '2020-12-01' ? '2021-06-01' : '2021-01-01');
      add(o, S, [
        { start, end: dayBefore(change), tier: 'fullservice', endReason: 'tier_change' },
        { start: change, tier: 'grunnpakke', note: 'Gikk over til ny tjenestemodell (grunnpakke).' },
      ]);
    }
  }
  for (const o of late) add(o, S, [{ start: BIG_FOUR.includes(o) ? '2022-01-01' : maxDate(`${int(2021, 2023)}-01-01`, earliest(o, S)), tier: 'grunnpakke' }]);
  endedByDeletion(S, deletedState.filter((o) => !UH.includes(o)), 2008, 2015, 'fullservice');
  // Universities and colleges that used Unit's finance system before moving to DFØ; three still do.
  for (const o of [...late].filter((x) => UH.includes(x) && !BIG_FOUR.includes(x))) {
    const dfoStart = out.find((r) => r.agency === o && r.service === S)!.startedOn!;
    add(o, 'unit-okonomi', [{ start: '2018-01-01', end: dayBefore(dfoStart), endReason: 'moved_to_dfo' }]);
  }
  simple('unit-okonomi', ['971526033', '974761106', A.SIKT], 2018, 2018);
  simple('dfo-regnskap-prosjektsoknad', customers.filter((o) => UH.includes(o) || RESEARCH_INSTITUTES.includes(o)), 2016, 2023);
}

// ---------------------------------------------------------------------------------------------------------------
// Statens servicesenter i Engerdal: 26 active incl. all county governors (Rapport 2.1.5, 2.3.1)
{
  const S = 'ssie-sentralbord-og-kundesenter';
  simple(S, STATSFORVALTERE, 2006, 2010, 'sentralbord');
  endedByDeletion(S, deletedState.filter((o) => agency(o).name.nb.startsWith('Fylkesmannen')), 2006, 2010, 'sentralbord');
  const smallAndMedium = liveState.filter((o) => !STATSFORVALTERE.includes(o) && !ministries.includes(o) && employees(o) > 0 && employees(o) <= 200 && o !== A.DSS);
  const customers = sample(smallAndMedium, 16);
  for (const o of customers) add(o, S, [{ start: startIn(o, S, 2007, 2021), tier: random() < 0.6 ? 'sentralbord' : 'sentralbord-og-kundesenter' }]);
  for (const o of sample(smallAndMedium.filter((x) => !customers.includes(x)), 3)) {
    const start = startIn(o, S, 2008, 2014);
    add(o, S, [{ start, end: dayBefore(monthStart(Number(start.slice(0, 4)) + 3, 2020)), tier: 'sentralbord', endReason: 'left', note: 'Tok sentralbordet tilbake i egen regi (illustrerende).' }]);
  }
  simple('ssie-sentralbord-departementene', [...ministries, A.DSS], 2006, 2006);
}

// ---------------------------------------------------------------------------------------------------------------
// Statens innkrevingssentral: 44 active, among them the police, the roads administration, the loan fund and
// customs (Rapport 2.1.8)
{
  const S = 'si-innkreving-av-statlige-krav';
  const named: string[] = [A.POLITIET, A.SVV, A.LANEKASSEN, A.TOLLETATEN];
  const claimants = liveState.filter((o) => !named.includes(o) && !ministries.includes(o) && agency(o).kind === 'agency' && !UH.includes(o) && !STATSFORVALTERE.includes(o));
  simple(S, [...named, ...sample(claimants, 40)], 2004, 2020);
  endedByDeletion(S, ['971033533'], 2004, 2010);
}

// ---------------------------------------------------------------------------------------------------------------
// Framework agreements of Statens innkjøpssenter: everyone takes part unless they opt out; on some agreements
// only 2–3 opt out, on others more (Rapport 2.1.4). Opting out means no row.
{
  const eligible = liveState;
  const agreements = [...services.values()].filter((s) => s.provider === 'statens-innkjopssenter').sort((a, b) => a.slug.localeCompare(b.slug));
  for (const [i, s] of agreements.entries()) {
    const optOuts = i % 3 === 0 ? int(2, 3) : i % 3 === 1 ? int(6, 15) : int(18, 35);
    const optedOut = new Set(sample(eligible, optOuts));
    for (const o of eligible) {
      if (optedOut.has(o)) continue;
      // Most join when the agreement starts; organisations created later join when they appear.
      add(o, s.slug, [{ start: earliest(o, s.slug) }]);
    }
    // Organisations that were part of an agreement until they were merged away.
    endedByDeletion(s.slug, deletedState.filter((o) => agency(o).deletedOn! > partialDateStart(s.launchedOn!)), 2016, 2020);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Markedsplass for skytjenester: voluntary, state and municipal users from 2021
simple('mfs-markedsplass', sample(liveState, 34), 2021, 2024);
simple('mfs-markedsplass', sample(municipalities, 5), 2021, 2024);

// ---------------------------------------------------------------------------------------------------------------
// Group schemes: DSS for the ministries, FMFA/STAF for the county governors (Rapport 2.3)
{
  const all = ministries;
  const dss = (service: string, orgnrs: readonly string[], fromYear: number, toYear: number) => {
    for (const o of orgnrs) add(o, service, [{ start: o === MIN.DFD ? '2024-01-01' : startIn(o, service, fromYear, toYear) }]);
  };
  const withoutUdFd = all.filter((o) => o !== MIN.UD && o !== MIN.FD);
  dss('dss-ikt-tjenester', withoutUdFd, 2004, 2008);
  dss('dss-ikt-tjenester', [A.REGJERINGSADVOKATEN], 2010, 2014);
  dss('dss-film-og-nett-tv', all, 2010, 2014);
  dss('dss-regjeringen-no-og-intranett', all, 2006, 2009);
  dss('dss-designprofil', all, 2009, 2012);
  dss('dss-anskaffelsestjeneste', all, 2018, 2019);
  dss('dss-post-og-varemottak', [...all, A.REGJERINGSADVOKATEN, A.NORAD, A.DOMSTOLENE], 2004, 2008);
  dss('dss-publikasjonstjeneste', [...all, A.STORTINGET], 2004, 2008);
  dss('dss-renhold', withoutUdFd, 2004, 2006);
  dss('dss-digitalt-trykkeri', [...all, A.REGJERINGSADVOKATEN, A.STORTINGET], 2008, 2012);
  dss('dss-fellesbibliotek', all, 2004, 2006);
  dss('dss-hr-tjenester', all, 2017, 2018);
  dss('dss-rekrutteringsportal', all, 2017, 2018);
  dss('dss-vakt-og-resepsjon', [...all, A.REGJERINGSADVOKATEN, A.NORAD, A.DOMSTOLENE], 2004, 2006);
  dss('dss-ansattkort', [...all, A.REGJERINGSADVOKATEN], 2004, 2006);
  dss('dss-sikringsrisikoanalyser', sample(all, 12), 2013, 2020);
  for (const s of ['fmfa-it-drift', 'fmfa-digitale-tjenester', 'fmfa-arkiv', 'fmfa-informasjonssikkerhet', 'fmfa-anskaffelser', 'fmfa-hr-og-okonomi']) {
    simple(s, STATSFORVALTERE, 2019, 2019);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sector schemes (Rapport 2.2)
{
  // Norsk helsenett: archive for 8 and mail for 10 HOD agencies at the time of the report (2020). The Directorate
  // of eHealth merged into the Directorate of Health in 2024; Helseklage took over its archive seat in 2022.
  const archive = [A.HDIR, A.EHELSE, A.HTIL, A.DMP, A.DSA, A.NPE, A.BIOTEK, A.UKOM];
  for (const o of archive) {
    const start = startIn(o, 'nhn-arkiv-og-dokumentforvaltning', 2017, 2019);
    add(o, 'nhn-arkiv-og-dokumentforvaltning', [o === A.EHELSE ? { start, end: lastDay(o), endReason: 'merger' } : { start }]);
  }
  add(A.HELSEKLAGE, 'nhn-arkiv-og-dokumentforvaltning', [{ start: '2022-01-01' }]);
  for (const o of [...archive, A.FHI, A.HELSEKLAGE]) {
    const start = startIn(o, 'nhn-digitalt-postmottak', 2017, 2019);
    add(o, 'nhn-digitalt-postmottak', [o === A.EHELSE ? { start, end: lastDay(o), endReason: 'merger' } : { start }]);
  }
  const hod = [...under(MIN.HOD), A.EHELSE];
  for (const o of hod) {
    const start = startIn(o, 'nhn-anskaffelser', 2017, 2018);
    add(o, 'nhn-anskaffelser', [o === A.EHELSE ? { start, end: lastDay(o), endReason: 'merger' } : { start }]);
  }
  for (const o of [A.HDIR, A.EHELSE, A.HTIL, A.DSA, A.NPE, A.HELSEKLAGE, A.UKOM, A.BIOTEK]) {
    const start = startIn(o, 'nhn-digital-arbeidsplass', 2017, 2019);
    add(o, 'nhn-digital-arbeidsplass', [o === A.EHELSE ? { start, end: lastDay(o), endReason: 'merger' } : { start }]);
  }
  simple('nhn-helsenettet', [A.HDIR, A.FHI, A.DMP, A.HTIL, A.NPE], 2006, 2012);

  // Miljødirektoratet: ICT for four agencies (not the Meteorological Institute), archive for three, procurement for all.
  add(A.NPI, 'mdir-felles-ikt-drift', [{ start: '2019-01-01' }]);
  add(A.RA, 'mdir-felles-ikt-drift', [{ start: '2019-01-01' }]);
  add(A.KMF, 'mdir-felles-ikt-drift', [{ start: '2019-09-01' }]);
  add(A.ADB, 'mdir-felles-ikt-drift', [{ start: '2020-01-01' }]);
  simple('mdir-felles-arkiv', [A.ADB, A.NPI, A.KMF], 2020, 2020);
  simple('mdir-felles-anskaffelser', [A.NPI, A.RA, A.KMF, A.ADB, A.MET], 2019, 2019);

  // Nasjonalbiblioteket for Språkrådet and NLB from 2018.
  for (const s of ['nb-okonomitjenester', 'nb-personaltjenester']) simple(s, [A.SPRAKRADET, A.NLB], 2018, 2018);

  // Unit/Sikt and Uninett for the universities and colleges (and some research institutes); merged colleges end.
  const uh = UH;
  const mergedColleges = deletedState.filter((o) => agency(o).ministryOrgnr === MIN.KD && /gskole|Kunsthøgskolen/.test(agency(o).name.nb));
  const sector = (service: string, list: readonly string[], fromYear: number, toYear: number, withMerged = true) => {
    simple(service, list, fromYear, toYear);
    if (withMerged) endedByDeletion(service, mergedColleges, fromYear, toYear);
  };
  sector('unit-felles-studentsystem', uh, 2004, 2008);
  sector('unit-samordna-opptak', uh.filter((o) => o !== '971519363'), 2004, 2006);
  sector('unit-studentweb', uh, 2006, 2010);
  sector('unit-soknadsweb', uh, 2008, 2012);
  sector('unit-evuweb', sample(uh, 15), 2010, 2016);
  sector('unit-epn', sample(uh, 14), 2012, 2017, false);
  sector('unit-fagpersonweb', uh, 2010, 2014);
  sector('unit-nomination', sample(uh, 12), 2015, 2019, false);
  sector('unit-digitalt-studentbevis', uh, 2019, 2021, false);
  sector('unit-vitnemalsportalen', uh, 2016, 2017, false);
  sector('unit-fs-konnektor', sample(uh, 11), 2018, 2022, false);
  sector('unit-rust', sample(uh, 9), 2012, 2018, false);
  simple('unit-gaus', [A.HKDIR, ...sample(uh, 4)], 2016, 2020);
  simple('unit-nasjonal-vitnemalsdatabase', [A.UDIR], 2015, 2015);
  sector('unit-laeringsplattformer', uh, 2017, 2018, false);
  sector('unit-digital-eksamen', uh, 2015, 2019, false);
  sector('unit-plagiatkontroll', uh, 2010, 2016);
  sector('unit-time-og-romplanlegging', sample(uh, 13), 2012, 2018, false);
  sector('unit-forelesningsopptak', sample(uh, 8), 2014, 2019, false);
  sector('unit-digitale-laeringsressurser', sample(uh, 10), 2016, 2020, false);
  sector('unit-mooc', sample(uh, 6), 2014, 2018, false);
  sector('unit-cristin', [...uh, ...RESEARCH_INSTITUTES.filter((o) => agencies.has(o))], 2011, 2011);
  sector('unit-lisensavtaler', [...uh, ...sample(RESEARCH_INSTITUTES, 6)], 2004, 2012);
  sector('unit-brage', sample(uh, 18), 2008, 2014);
  simple('unit-doi', sample([...uh, ...RESEARCH_INSTITUTES], 12), 2015, 2021);
  simple('unit-bird', sample(uh, 5), 2020, 2022);
  sector('unit-alma', [...uh, '976029100'], 2017, 2017, false);
  sector('unit-oria', uh, 2017, 2017, false);
  sector('unit-leganto', sample(uh, 12), 2018, 2021, false);
  sector('unit-apa-referansestil', sample(uh, 16), 2016, 2019, false);
  sector('unit-konkurransegjennomforing', sample(uh, 10), 2016, 2020, false);
  sector('unit-rekruttering', sample(uh, 16), 2010, 2018);
  sector('unit-saksbehandling-og-arkiv', sample(uh, 12), 2008, 2015);
  sector('unit-beslutningsstotte', sample(uh, 8), 2016, 2020, false);
  sector('unit-innkjop-og-rammeavtaler', uh, 2012, 2018);
  for (const s of ['unit-filesender', 'unit-box', 'unit-adobe-connect']) sector(s, sample(uh, 10), 2012, 2019, false);

  const net = [...uh, ...RESEARCH_INSTITUTES, A.SIKT, A.UDIR, A.FORSKNINGSRADET, A.HKDIR];
  sector('uninett-forskningsnett', net, 2004, 2006);
  sector('uninett-eduroam', [...uh, ...sample(RESEARCH_INSTITUTES, 6)], 2006, 2010);
  sector('uninett-feide', [...uh, A.UDIR, A.STATPED], 2006, 2012);
  simple('uninett-feide', municipalities, 2008, 2016);
  sector('uninett-ruterdrift', sample(uh, 9), 2008, 2016);
  sector('uninett-cnaas', sample(uh, 6), 2018, 2021, false);
  sector('uninett-nettadministrasjon', sample(uh, 10), 2010, 2018, false);
  sector('uninett-private-nettforbindelser', sample(net, 12), 2008, 2018);
  sector('uninett-gjestenett', sample(uh, 9), 2012, 2018, false);
  sector('uninett-eduvpn', sample(uh, 7), 2019, 2022, false);
  sector('uninett-nettradgivning', sample(net, 8), 2010, 2020, false);
  sector('uninett-dns-brannmur', sample(uh, 12), 2017, 2020, false);
  sector('uninett-sikkerhetssertifikater', sample(net, 18), 2010, 2016);
  sector('uninett-logganalyse', sample(uh, 8), 2018, 2021, false);
  sector('uninett-sikkerhetsanalyse', sample(uh, 6), 2018, 2021, false);
  sector('uninett-cert', uh, 2012, 2014);
  sector('uninett-stottesystem-sentralbord', sample(uh, 5), 2012, 2018, false);
  sector('uninett-sanntid-tale', sample(uh, 8), 2010, 2016);
  // Skype for Business was replaced by Teams; most users left by 2022.
  for (const o of sample(uh, 9)) {
    const start = startIn(o, 'uninett-skype-for-business', 2014, 2017);
    add(o, 'uninett-skype-for-business', random() < 0.7 ? [{ start, end: `${int(2020, 2022)}-06-30`, endReason: 'replaced', note: 'Erstattet av Microsoft Teams (illustrerende).' }] : [{ start }]);
  }
  sector('uninett-zoom-mote', uh, 2018, 2020, false);
  sector('uninett-zoom-undervisning', uh, 2020, 2020, false);
  simple('uninett-zoom-grunnskole', sample(municipalities, 5), 2020, 2021);
}

// ---------------------------------------------------------------------------------------------------------------
// Central services with illustrative users: Digdir's components, Statsbygg, NKSB, learning platforms, networks
{
  const state = liveState.filter((o) => o !== A.STORTINGET);
  simple('digdir-id-porten', sample(state, 110), 2010, 2022);
  simple('digdir-id-porten', municipalities, 2011, 2016);
  simple('digdir-maskinporten', sample(state, 85), 2018, 2024);
  simple('digdir-maskinporten', sample(municipalities, 4), 2019, 2023);
  simple('digdir-ansattporten', sample(state, 20), 2023, 2025);
  simple('digdir-krr', sample(state, 90), 2014, 2022);
  simple('digdir-krr', sample(municipalities, 6), 2014, 2020);
  simple('digdir-digital-postkasse', sample(state, 70), 2015, 2023);
  simple('digdir-digital-postkasse', sample(municipalities, 5), 2016, 2021);
  simple('digdir-eformidling', sample(state, 120), 2017, 2024);
  simple('digdir-eformidling', municipalities, 2018, 2022);
  simple('digdir-altinn', sample(state, 55), 2005, 2022);
  simple('digdir-altinn', sample(municipalities, 3), 2016, 2022);
  simple('digdir-felles-datakatalog', sample(state, 75), 2017, 2024);

  const civil = liveState.filter((o) => ![A.FORSVARET, A.FORSVARSBYGG, ...ministries].includes(o));
  simple('statsbygg-utleie-av-lokaler', sample(civil, 45), 2004, 2022);
  simple('statsbygg-radgivning-leie-i-markedet', sample(civil, 28), 2018, 2024);
  simple('statsbygg-byggherre', sample([...UH, A.POLITIET, A.NPI, A.FHI, A.MET, '961181399', '976029100'], 10), 2008, 2022);
  simple('nksb-sikring-av-bygg', [A.FORSVARET, A.PST, A.NSM, A.POLITIET, A.DSS, A.STATSBYGG, MIN.FD, A.NAV], 2012, 2023);
  simple('nksb-sikring-i-byggeprosjekter', [A.FORSVARET, A.STATSBYGG, A.PST, A.POLITIET], 2013, 2022);

  simple('dfo-laeringsplattformen', sample(state, 120), 2016, 2023);
  simple('dfo-virksomhetsplattformen', sample(state, 60), 2019, 2024);

  // Networks (Rapport 2.4, 5.2): small and medium agencies mostly; some left.
  const smallAndMedium = liveState.filter((o) => employees(o) > 0 && employees(o) < 150);
  const network = (service: string, list: readonly string[], fromYear: number, toYear: number, leaveShare: number) => {
    for (const o of list) {
      const start = startIn(o, service, fromYear, toYear);
      const leaves = random() < leaveShare && Number(start.slice(0, 4)) < 2023;
      add(o, service, [leaves ? { start, end: dayBefore(monthStart(Number(start.slice(0, 4)) + 1, 2024)), endReason: 'left' } : { start }]);
    }
  };
  network('statens-hus-samlokalisering', sample(smallAndMedium, 9), 2019, 2020, 0);
  network('samlokalisering-administrativt-samarbeid', sample(smallAndMedium, 7), 2012, 2022, 0.25);
  network('regionalt-innkjopssamarbeid', sample(smallAndMedium, 8), 2010, 2020, 0.4);
  network('nettverk-for-administrasjonssjefer', sample(liveState.filter((o) => agency(o).kind === 'agency'), 42), 2012, 2024, 0.1);
  network('fagnettverk-hr', sample(smallAndMedium, 16), 2015, 2024, 0.2);
  network('fagnettverk-arkiv', sample(smallAndMedium, 11), 2017, 2024, 0.15);
}

// ---------------------------------------------------------------------------------------------------------------
// The report's figures on the report's date (issue 17, item 5). The blocks above place the payroll and accounting
// totals on today; this moves them to 2020-12-10 and lets the later years show the growth the report announced:
// 25–30 more accounting customers after 2020, and tiers moving to the basic package (grunnpakke) from 2022. It runs
// after every draw of the seeded sequence and draws nothing from it, so every other row of the file stays as it was.
{
  const REPORT_DAY = '2020-12-10';
  const covers = (r: SubscriptionRecord, day: string) => (r.startedOn ?? '9999') <= day && (r.endedOn === undefined || r.endedOn >= day);
  const tiersOn = (service: string, day: string) => {
    const m: Record<string, number> = {};
    for (const r of out) if (r.service === service && covers(r, day)) m[r.tier ?? ''] = (m[r.tier ?? ''] ?? 0) + 1;
    return m;
  };
  const shiftYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
  /** Tier changes to grunnpakke happen from 2022: one dated earlier moves a year on, and the row before ends the day before. */
  function grunnpakkeFrom2022(service: string) {
    for (const r of out) {
      if (r.service !== service || r.tier !== 'grunnpakke' || !r.note?.startsWith('Gikk over') || r.startedOn! >= '2022-01-01') continue;
      const before = out.find((x) => x.service === service && x.agency === r.agency && x.endReason === 'tier_change' && x.endedOn === dayBefore(r.startedOn!))!;
      r.startedOn = shiftYear(r.startedOn!);
      before.endedOn = dayBefore(r.startedOn);
    }
  }
  // Payroll: 28/6/66 on the day.
  grunnpakkeFrom2022('dfo-lonn');
  {
    const t = tiersOn('dfo-lonn', REPORT_DAY);
    const n = Object.values(t).reduce((a, b) => a + b, 0);
    // Too many in basis or partial service on the day: the smallest of them were full-service customers (their
    // whole history).
    for (const [tier, share] of [['basis', 0.28], ['delservice', 0.06]] as const) {
      const single = (o: string) => out.filter((r) => r.service === 'dfo-lonn' && r.agency === o).length === 1;
      const rows = bySizeDesc(out.filter((r) => r.service === 'dfo-lonn' && r.tier === tier && r.endedOn === undefined && covers(r, REPORT_DAY) && single(r.agency)).map((r) => r.agency));
      const excess = (t[tier] ?? 0) - Math.round(share * n);
      for (const o of rows.slice(rows.length - Math.max(0, excess))) for (const r of out) if (r.service === 'dfo-lonn' && r.agency === o) r.tier = 'fullservice';
    }
  }
  // Accounting: 147 customers on the day. Of the agencies that kept their own system, all but the largest few had
  // joined by then (full service); the 25–30 newcomers after 2020 stay as they are.
  {
    const S = 'dfo-regnskap';
    grunnpakkeFrom2022(S);
    const users = new Set(out.filter((r) => r.service === S).map((r) => r.agency));
    const onDay = new Set(out.filter((r) => r.service === S && covers(r, REPORT_DAY)).map((r) => r.agency)).size;
    const ownErp = bySizeDesc(payroll.filter((o) => !users.has(o)));
    const joining = ownErp.slice(ownErp.length - (147 - onDay));
    const local = prng(2020121005);
    for (const o of joining) add(o, S, [{ start: maxDate(`${2006 + Math.floor(local() * 14)}-${pad(1 + Math.floor(local() * 12))}-01`, earliest(o, S)), tier: 'fullservice' }]);
  }
  // SSiE: the report's 26 customers were all there on its day (the blocks above let one start in 2021).
  for (const r of out) if (r.service === 'ssie-sentralbord-og-kundesenter' && r.startedOn! > REPORT_DAY) r.startedOn = maxDate(`${Number(r.startedOn!.slice(0, 4)) - 1}${r.startedOn!.slice(4, 7)}-01`, earliest(r.agency, r.service));
  // The checks: every figure the report gives, on its day (src/db/seed/reportFigures.test.ts asserts them too).
  const customersOn = (service: string, day: string) => new Set(out.filter((r) => r.service === service && covers(r, day)).map((r) => r.agency)).size;
  const pay = tiersOn('dfo-lonn', REPORT_DAY);
  const payN = customersOn('dfo-lonn', REPORT_DAY);
  const acc = tiersOn('dfo-regnskap', REPORT_DAY);
  const stateOnDay = data.agencies.filter((a) => isState(a) && (FIRST_YEAR[a.orgnr] ?? 2004) <= 2020 && (a.deletedOn === undefined || a.deletedOn > REPORT_DAY)).length;
  const figures = {
    payrollShare: payN / stateOnDay,
    basis: (pay.basis ?? 0) / payN,
    delservice: (pay.delservice ?? 0) / payN,
    fullservice: (pay.fullservice ?? 0) / payN,
    accounting: customersOn('dfo-regnskap', REPORT_DAY),
    accDelservice: (acc.delservice ?? 0) / customersOn('dfo-regnskap', REPORT_DAY),
    ssie: customersOn('ssie-sentralbord-og-kundesenter', REPORT_DAY),
    innkreving: customersOn('si-innkreving-av-statlige-krav', REPORT_DAY),
  };
  const ok =
    Math.abs(figures.payrollShare - 0.9) < 0.05 &&
    Math.round(100 * figures.basis) === 28 &&
    Math.round(100 * figures.delservice) === 6 &&
    Math.round(100 * figures.fullservice) === 66 &&
    figures.accounting === 147 &&
    Math.abs(100 * figures.accDelservice - 29.7) < 0.5 &&
    figures.ssie === 26 &&
    figures.innkreving === 44;
  if (!ok) throw new Error(`the report's figures do not hold on ${REPORT_DAY}: ${JSON.stringify({ ...figures, payN, stateOnDay, pay, acc })}`);
}

// ---------------------------------------------------------------------------------------------------------------

out.sort(
  (a, b) =>
    a.service.localeCompare(b.service) || a.agency.localeCompare(b.agency) || (a.startedOn ?? '').localeCompare(b.startedOn ?? ''),
);
const problems = validateDemoData({ ...data, subscriptions: out });
if (problems.length > 0) {
  console.error(problems.slice(0, 30).join('\n'));
  throw new Error(`generated subscriptions are invalid (${problems.length} problems)`);
}
writeJsonLines(join(demoDataDir, 'subscriptions.json'), out);
console.log(`subscriptions.json: ${out.length} rows`);
