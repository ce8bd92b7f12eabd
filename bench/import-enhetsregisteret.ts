// Benchmark: import a generated Enhetsregisteret bulk file (1,000,000 units, gzip) and print records/s and peak RSS.
//
//   npm run bench:import-enhetsregisteret                         # PGlite only
//   DATABASE_URL=postgres://… npm run bench:import-enhetsregisteret  # PostgreSQL (a fresh database on that server), then PGlite
//   … -- --records 200000 --skip-pglite --rerun --single-thread --writers 1
//
// Each engine runs in its own child process, so its peak RSS is its own. Target (issue 6): ≥ 20,000 records/s with
// peak RSS < 300 MB on PostgreSQL. Figures depend on the machine; print them, do not assert them.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { orgnrCheckDigit } from '../src/domain/orgnr.js';
import { importEnhetsregisteret } from '../src/imports/enhetsregisteret/importer.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Valid org numbers in order, from a prefix no real unit uses in our data. */
function* orgnrs(start = 81_000_000): Generator<string> {
  for (let n = start; ; n++) {
    const d = orgnrCheckDigit(String(n));
    if (d !== undefined) yield `${n}${d}`;
  }
}

const FORMS = [
  ['ENK', 'Enkeltpersonforetak', 0.45],
  ['AS', 'Aksjeselskap', 0.35],
  ['FLI', 'Forening/lag/innretning', 0.1],
  ['ORGL', 'Organisasjonsledd', 0.04],
  ['STAT', 'Staten', 0.01],
  ['SA', 'Samvirkeforetak', 0.05],
] as const;
const PLACES = [
  ['0150', 'OSLO', '0301', 'OSLO'],
  ['5003', 'BERGEN', '4601', 'BERGEN'],
  ['7011', 'TRONDHEIM', '5001', 'TRONDHEIM'],
  ['8900', 'BRØNNØYSUND', '1813', 'BRØNNØY'],
  ['9008', 'TROMSØ', '5501', 'TROMSØ'],
] as const;
const WORDS = ['NORDLYS', 'FJORD', 'BYGG', 'RÅDGIVNING', 'DATA', 'HELSE', 'TRANSPORT', 'ØKONOMI', 'SKOG', 'HAVBRUK', 'KONSULENT', 'SERVICE'];

/** Records shaped like the bulk file's: most are small businesses, some state units with parents, a few deleted or invalid. */
export async function generateBulkFile(file: string, count: number): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(file);
  gzip.pipe(out);
  const ids = orgnrs();
  const stateUnits: string[] = [];
  let buffer = '[';
  for (let i = 0; i < count; i++) {
    const r = i * 2654435761 >>> 0; // cheap deterministic spread
    const orgnr = ids.next().value as string;
    let rec: Record<string, unknown>;
    if (r % 1000 === 7) {
      rec = { organisasjonsnummer: orgnr.slice(0, 8) + ((Number(orgnr[8]) + 1) % 10), navn: 'UGYLDIG NUMMER AS' }; // fails MOD11
    } else if (r % 33 === 5) {
      rec = {
        organisasjonsnummer: orgnr,
        navn: `${WORDS[r % WORDS.length]} ${i} AS UNDER SLETTING`,
        organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap', _links: { self: { href: 'https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/AS' } } },
        slettedato: '2024-11-26',
        _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
      };
    } else {
      let pick = (r % 1000) / 1000;
      const form = FORMS.find(([, , share]) => (pick -= share) < 0) ?? FORMS[0];
      const place = PLACES[r % PLACES.length]!;
      const address = { land: 'Norge', landkode: 'NO', postnummer: place[0], poststed: place[1], adresse: [`${WORDS[(r >> 3) % WORDS.length]}VEIEN ${(r % 120) + 1}`], kommune: place[3], kommunenummer: place[2] };
      const employees = form[0] === 'ENK' ? (r % 3) : (r % 400);
      rec = {
        organisasjonsnummer: orgnr,
        navn: `${WORDS[r % WORDS.length]} ${WORDS[(r >> 5) % WORDS.length]} ${i} ${form[0] === 'ENK' ? '' : form[0]}`.trim(),
        organisasjonsform: { kode: form[0], beskrivelse: form[1], _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/${form[0]}` } } },
        ...(r % 4 === 0 ? { hjemmeside: `www.${WORDS[r % WORDS.length]!.toLowerCase()}${i}.no` } : {}),
        ...(r % 5 === 0 ? { postadresse: address } : {}),
        registreringsdatoEnhetsregisteret: `20${String(10 + (r % 15))}-0${1 + (r % 9)}-1${r % 9}`,
        registrertIMvaregisteret: r % 2 === 0,
        naeringskode1: { kode: `${62 + (r % 20)}.${100 + (r % 800)}`, beskrivelse: 'Konsulentvirksomhet tilknyttet informasjonsteknologi' },
        antallAnsatte: employees,
        harRegistrertAntallAnsatte: employees > 0,
        ...(employees > 0 ? { registreringsdatoAntallAnsatteEnhetsregisteret: '2025-02-12' } : {}),
        ...(r % 6 === 0 ? { epostadresse: `post@firma${i}.no`, telefon: `22 ${String(r % 100).padStart(2, '0')} 10 00` } : {}),
        forretningsadresse: address,
        institusjonellSektorkode: form[0] === 'STAT' || form[0] === 'ORGL' ? { kode: '6100', beskrivelse: 'Statsforvaltningen' } : { kode: '2100', beskrivelse: 'Private aksjeselskaper mv.' },
        registrertIForetaksregisteret: form[0] === 'AS',
        registrertIStiftelsesregisteret: false,
        registrertIFrivillighetsregisteret: form[0] === 'FLI',
        konkurs: false,
        underAvvikling: false,
        underTvangsavviklingEllerTvangsopplosning: false,
        maalform: 'Bokmål',
        ...(r % 3 === 0 ? { aktivitet: ['Utvikling og salg av programvare, rådgivning og', 'annen virksomhet som naturlig hører sammen med dette.'] } : {}),
        ...(form[0] === 'ORGL' && stateUnits.length ? { overordnetEnhet: stateUnits[r % stateUnits.length] } : {}),
        _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
      };
      if (form[0] === 'STAT' && stateUnits.length < 500) stateUnits.push(orgnr);
    }
    buffer += (i ? ',' : '') + JSON.stringify(rec);
    if (buffer.length > 1 << 20) {
      if (!gzip.write(buffer)) await once(gzip, 'drain');
      buffer = '';
    }
  }
  gzip.end(buffer + ']');
  await once(out, 'finish');
}

interface Figures {
  engine: string;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  created: number;
  rejected: number;
  status: string;
  rerunSeconds?: number;
  rerunRecordsPerSecond?: number;
  rerunUnchanged?: number;
}

async function child(engine: 'postgres' | 'pglite', file: string, url: string | undefined, rerun: boolean): Promise<void> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const database = await openDatabase(engine === 'postgres' ? { url, poolSize: 2 } : { dataDir: join(dirname(file), 'pglite') });
  await database.migrate();
  const run = () => importEnhetsregisteret(database.db, createReadStream(file, { highWaterMark: 1 << 20 }), { actorLabel: 'bench', fileName: 'bench.json.gz', parallel: !args.includes('--single-thread'), writers: engine === 'postgres' ? Number(arg('writers') ?? 2) : 1 });
  const t0 = performance.now();
  const s = await run();
  const seconds = (performance.now() - t0) / 1000;
  const figures: Figures = {
    engine,
    records: s.records,
    seconds,
    recordsPerSecond: Math.round(s.records / seconds),
    peakRssMb: 0,
    created: s.created,
    rejected: s.rejected,
    status: s.status + (s.fatal ? `: ${s.fatal}` : ''),
  };
  if (rerun) {
    const t1 = performance.now();
    const again = await run();
    figures.rerunSeconds = (performance.now() - t1) / 1000;
    figures.rerunRecordsPerSecond = Math.round(again.records / figures.rerunSeconds);
    figures.rerunUnchanged = again.unchanged;
  }
  clearInterval(timer);
  figures.peakRssMb = Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1024 / 1024);
  await database.close();
  console.log(JSON.stringify(figures));
}

async function main(): Promise<void> {
  if (args[0] === '--child') {
    await child(args[1] as 'postgres' | 'pglite', args[2]!, args[3] === '-' ? undefined : args[3], args.includes('--rerun'));
    return;
  }
  const count = Number(arg('records') ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'ft-bench-er-'));
  const file = join(dir, 'enheter_alle.json.gz');
  try {
    let t0 = performance.now();
    await generateBulkFile(file, count);
    console.log(`Generated ${count.toLocaleString('en')} units: ${(statSync(file).size / 1e6).toFixed(0)} MB gzip in ${((performance.now() - t0) / 1000).toFixed(1)} s (${file})`);
    const self = fileURLToPath(import.meta.url);
    const results: Figures[] = [];
    const runChild = (engine: string, url: string) => {
      t0 = performance.now();
      const r = spawnSync(process.execPath, [self, '--child', engine, file, url, ...args.filter((a) => a !== '--skip-pglite')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`${engine} run failed (exit ${r.status})`);
      results.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figures);
    };
    const adminUrl = process.env.DATABASE_URL;
    if (adminUrl) {
      const name = `ft_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      try {
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        runChild('postgres', url.toString());
      } finally {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    }
    if (!args.includes('--skip-pglite')) runChild('pglite', '-');
    console.log('\nengine    records    seconds  records/s  peak RSS  created   rejected  status' + (args.includes('--rerun') ? '   re-run records/s (unchanged)' : ''));
    for (const f of results) {
      console.log(
        `${f.engine.padEnd(9)} ${String(f.records).padStart(9)} ${f.seconds.toFixed(1).padStart(9)} ${String(f.recordsPerSecond).padStart(10)} ${`${f.peakRssMb} MB`.padStart(9)} ${String(f.created).padStart(8)} ${String(f.rejected).padStart(10)}  ${f.status}` +
          (f.rerunRecordsPerSecond ? `   ${f.rerunRecordsPerSecond} (${f.rerunUnchanged})` : ''),
      );
    }
    console.log(`\nTarget (PostgreSQL): ≥ 20,000 records/s, peak RSS < 300 MB. Machine: ${(await import('node:os')).cpus().length} cores.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
