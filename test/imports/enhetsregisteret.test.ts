import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, importRuns, registerPendingParents } from '../../src/db/schema/index.js';
import { importEnhetsregisteret, type ImportOptions } from '../../src/imports/enhetsregisteret/importer.js';
import { projectRoot } from '../../src/paths.js';
import { programArgs } from '../support/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testEngines } from '../support/engines.js';
import { createAgency, fakeOrgnr } from '../support/factories.js';
import { type OwnDatabase, ownDatabase } from '../support/ownDatabase.js';

const fixture = (name: string) => readFileSync(join(projectRoot, 'test/fixtures/enhetsregisteret', name));
const record = (name: string) => JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;
const DIGDIR = 'enhet_991825827_digdir.json';
const NAV = 'enhet_889640782_nav.json';

/** The bytes as a stream of small chunks, so records, UTF-8 characters and gzip blocks cross chunk boundaries. */
async function* chunks(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
const options: ImportOptions = { actorLabel: 'test' };
const ministry = (orgnr: string, navn: string) => ({ organisasjonsnummer: orgnr, navn, organisasjonsform: { kode: 'STAT' }, institusjonellSektorkode: { kode: '6100' } });

describe.each(testEngines())('Enhetsregisteret import on %s', (engine) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(engine, 'empty');
  });
  afterAll(async () => d?.close());
  const agency = async (orgnr: string) => (await d.db.select().from(agencies).where(eq(agencies.orgnr, orgnr)))[0];

  it('imports a single real record, and a second run changes nothing', async () => {
    const s = await importEnhetsregisteret(d.db, chunks(fixture(DIGDIR)), options);
    expect(s).toMatchObject({ status: 'succeeded', records: 1, created: 1, updated: 0, unchanged: 0, rejected: 0, parentsPending: 1 });
    const a = await agency('991825827');
    expect(a).toMatchObject({
      name: { nb: 'Digitaliseringsdirektoratet' },
      kind: 'agency',
      orgForm: 'ORGL',
      sectorCode: '6100',
      employees: 433,
      employeesSource: 'register',
      employeesAsOf: '2025-02-12',
      municipalityNumber: '0301',
      municipalityName: 'Oslo',
      postalCode: '0585',
      city: 'Oslo',
      website: 'www.digdir.no',
      email: 'postmottak@digdir.no',
      phone: '22 45 10 00',
      parentOrgnr: null,
      factSource: 'register',
      deletedOn: null,
    });
    const again = await importEnhetsregisteret(d.db, chunks(fixture(DIGDIR)), options);
    expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 1 });
    const [run] = await d.db.select().from(importRuns).where(eq(importRuns.id, again.runId));
    expect(run).toMatchObject({ kind: 'enhetsregisteret', status: 'succeeded', actorLabel: 'test', fileBytes: fixture(DIGDIR).length });
    expect(run!.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run!.counts).toMatchObject({ unchanged: 1 });
  });

  it('links overordnetEnhet to the parent when it arrives, and sets the ministry', async () => {
    const s = await importEnhetsregisteret(d.db, chunks(json(ministry('932384469', 'DIGITALISERINGS- OG FORVALTNINGSDEPARTEMENTET'))), options);
    expect(s).toMatchObject({ created: 1, parentsLinked: 1, ministriesSet: 1 });
    expect(await agency('932384469')).toMatchObject({ kind: 'ministry', name: { nb: 'Digitaliserings- og forvaltningsdepartementet' } });
    expect(await agency('991825827')).toMatchObject({ parentOrgnr: '932384469', ministryOrgnr: '932384469' });
    expect(await d.db.select().from(registerPendingParents).where(eq(registerPendingParents.orgnr, '991825827'))).toEqual([]);
  });

  it('sets the ministry through a chain of parents, children before parents in a bulk file (gzip)', async () => {
    const court = record('sok_organisasjonsform_STAT_984195796_domstolene.json');
    const admin = record('sok_overordnetEnhet_984195796_domstoladministrasjonen.json');
    const units = [
      ...(admin._embedded as { enheter: unknown[] }).enheter,
      ...(court._embedded as { enheter: unknown[] }).enheter,
      record(NAV),
      ministry('983887457', 'ARBEIDS- OG INKLUDERINGSDEPARTEMENTET'),
      { organisasjonsnummer: '999999990', navn: 'UNDERETAT AV NAV', organisasjonsform: { kode: 'ORGL' }, overordnetEnhet: '889640782' },
    ];
    const s = await importEnhetsregisteret(d.db, chunks(gzipSync(json(units)), 1000), { ...options, batchSize: 2 });
    expect(s).toMatchObject({ status: 'succeeded', records: 5, rejected: 1, created: 4 });
    expect(s.input.gzip).toBe(true);
    expect(s.rejections).toEqual([{ position: 5, orgnr: '999999990', reason: 'organisasjonsnummer fails the MOD11 check (wrong check digit) ("999999990")' }]);
    expect(await agency('889640782')).toMatchObject({ parentOrgnr: '983887457', ministryOrgnr: '983887457', employees: 1608 });
    expect(await agency('926721720')).toMatchObject({ parentOrgnr: '984195796', ministryOrgnr: null, city: 'Trondheim' });
    expect(await agency('984195796')).toMatchObject({ kind: 'agency', parentOrgnr: null });
  });

  it('marks deleted units and skips sub-units (underenheter)', async () => {
    const s = await importEnhetsregisteret(
      d.db,
      chunks(Buffer.concat([Buffer.from('['), fixture('enhet_slettet_821227062_vtfk.json'), Buffer.from(','), fixture('underenhet_924203617_digdir_avd_bronnoysund.json'), Buffer.from(']')])),
      options,
    );
    expect(s).toMatchObject({ created: 1, skipped: 1, rejected: 0 });
    expect(await agency('821227062')).toMatchObject({ kind: 'county', deletedOn: '2024-11-26' });
    expect(await agency('924203617')).toBeUndefined();
  });

  it('updates register facts but keeps a curated name, and never erases facts the register leaves out', async () => {
    const curated = await createAgency(d.db, { name: { nb: 'Statens innkjøpssenter (kuratert)' }, factSource: 'register', website: 'anskaffelser.no', employees: 9 });
    const s = await importEnhetsregisteret(
      d.db,
      chunks(json({ organisasjonsnummer: curated.orgnr, navn: 'DFØ STATENS INNKJØPSSENTER', organisasjonsform: { kode: 'ORGL' }, antallAnsatte: 12 })),
      options,
    );
    expect(s).toMatchObject({ updated: 1 });
    expect(await agency(curated.orgnr)).toMatchObject({
      name: { nb: 'Statens innkjøpssenter (kuratert)' },
      website: 'anskaffelser.no',
      employees: 12,
      employeesSource: 'register',
      orgForm: 'ORGL',
    });
  });

  it('rejects records with invalid org numbers and other faults, with positions and reasons, and goes on', async () => {
    const units = [
      { organisasjonsnummer: '991825828', navn: 'FEIL KONTROLLSIFFER' },
      { organisasjonsnummer: '12345678', navn: 'FOR KORT' },
      { organisasjonsnummer: '99182582X', navn: 'BOKSTAV' },
      { navn: 'UTEN NUMMER' },
      'not an object',
      { organisasjonsnummer: '974760673', navn: '' },
      { organisasjonsnummer: '974760673', navn: 'NEGATIVE ANSATTE', antallAnsatte: -3 },
      { organisasjonsnummer: '974760673', navn: 'DÅRLIG DATO', slettedato: '31.12.2024' },
      { organisasjonsnummer: '974760673', navn: 'REGISTERENHETEN I BRØNNØYSUND', overordnetEnhet: '123' },
      { organisasjonsnummer: '974 760 673', navn: 'REGISTERENHETEN I BRØNNØYSUND', antallAnsatte: 500 },
    ];
    const s = await importEnhetsregisteret(d.db, chunks(json(units)), options);
    expect(s).toMatchObject({ status: 'succeeded', records: 10, rejected: 9, created: 1 });
    expect(s.rejections.map((r) => [r.position, r.reason])).toEqual([
      [1, 'organisasjonsnummer fails the MOD11 check (wrong check digit) ("991825828")'],
      [2, 'organisasjonsnummer must have 9 digits ("12345678")'],
      [3, 'organisasjonsnummer may contain digits only ("99182582X")'],
      [4, 'organisasjonsnummer is missing (null)'],
      [5, 'the record is not a JSON object'],
      [6, 'navn is missing'],
      [7, 'antallAnsatte must be a whole number ≥ 0 (-3)'],
      [8, 'slettedato is not a date yyyy-mm-dd ("31.12.2024")'],
      [9, 'overordnetEnhet: organisasjonsnummer must have 9 digits ("123")'],
    ]);
    expect(await agency('974760673')).toMatchObject({ name: { nb: 'Registerenheten i brønnøysund' }, employees: 500 });
    const [run] = await d.db.select().from(importRuns).where(eq(importRuns.id, s.runId));
    expect(run!.problems).toHaveLength(9);
    expect(run!.problems[0]).toEqual({ position: 'record 1 (991825828)', reason: expect.stringContaining('MOD11') });
  });

  it('rejects only the row the database refuses, with its position, when a batch fails', async () => {
    for (const parallel of [false, true]) {
      const ok = fakeOrgnr();
      const units = [
        { organisasjonsnummer: ok, navn: 'STATISTISK SENTRALBYRÅ' },
        { organisasjonsnummer: '974760843', navn: 'NUL I NAVNET \u0000 AS' },
        { organisasjonsnummer: '974760673', navn: 'BRØNNØYSUNDREGISTRENE', slettedato: '2025-02-30' },
      ];
      const s = await importEnhetsregisteret(d.db, chunks(json(units)), { ...options, parallel });
      expect(s.status).toBe('succeeded');
      expect(s.rejections.map((r) => [r.position, r.orgnr])).toEqual([
        [3, '974760673'],
        [2, '974760843'],
      ]);
      expect(s.rejections[0]!.reason).toBe('slettedato is not a date yyyy-mm-dd ("2025-02-30")');
      expect(s.rejections[1]!.reason).toMatch(/^the database refused it: /);
      expect(await agency(ok)).toBeDefined();
    }
  });

  it('stops on malformed JSON mid-stream with the byte position, keeping the records before it', async () => {
    const good = json({ organisasjonsnummer: '986252932', navn: 'DIREKTORATET FOR FORVALTNING OG ØKONOMISTYRING' }).toString();
    const text = `[${good},{"organisasjonsnummer": "971526920", "navn": oops}]`;
    const s = await importEnhetsregisteret(d.db, chunks(Buffer.from(text)), options);
    expect(s.status).toBe('failed');
    expect(s.fatal).toMatch(/^Malformed JSON at byte \d+ \(after record 1\)/);
    expect(Number(/byte (\d+)/.exec(s.fatal!)![1])).toBe(Buffer.byteLength(text.slice(0, text.indexOf('oops'))));
    expect(await agency('986252932')).toBeDefined();
    expect(await agency('971526920')).toBeUndefined();
    const [run] = await d.db.select().from(importRuns).where(eq(importRuns.id, s.runId));
    expect(run).toMatchObject({ status: 'failed', message: s.fatal });
  });

  it('stops on a truncated file and a truncated gzip, saying so', async () => {
    const bytes = json([record(NAV), record(DIGDIR)]);
    const cut = await importEnhetsregisteret(d.db, chunks(bytes.subarray(0, bytes.length - 20)), options);
    expect(cut).toMatchObject({ status: 'failed', records: 1 });
    expect(cut.fatal).toMatch(/ends too early/);
    const gz = gzipSync(bytes);
    const truncated = await importEnhetsregisteret(d.db, chunks(gz.subarray(0, gz.length - 30), 64), options);
    expect(truncated.status).toBe('failed');
    expect(truncated.fatal).toMatch(/gzip file is truncated or corrupt/);
  });

  it('refuses Latin-1 and UTF-16 files with the byte position, and reads a UTF-8 BOM', async () => {
    const latin1 = Buffer.from('[{"organisasjonsnummer":"974760673","navn":"BR\xd8NN\xd8YSUNDREGISTRENE"}]', 'latin1');
    const s = await importEnhetsregisteret(d.db, chunks(latin1), options);
    expect(s.status).toBe('failed');
    expect(s.fatal).toContain(`not UTF-8 (invalid byte 0xd8 at byte ${latin1.indexOf(0xd8)})`);
    expect(s.fatal).toContain('iconv');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify([record(DIGDIR)]), 'utf16le')]);
    expect((await importEnhetsregisteret(d.db, chunks(utf16), options)).fatal).toMatch(/UTF-16/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json([{ organisasjonsnummer: '974760673', navn: 'BRØNNØYSUNDREGISTRENE' }])]);
    const ok = await importEnhetsregisteret(d.db, chunks(bom, 1), options);
    expect(ok).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await agency('974760673'))!.name).toEqual({ nb: 'Brønnøysundregistrene' });
  });

  it('refuses what is not Enhetsregisteret JSON', async () => {
    expect((await importEnhetsregisteret(d.db, chunks(Buffer.from('')), options)).fatal).toBe('The file is empty.');
    expect((await importEnhetsregisteret(d.db, chunks(Buffer.from('organisasjonsnummer;navn\n')), options)).fatal).toMatch(/expected "\[" .* found "o"/);
    expect((await importEnhetsregisteret(d.db, chunks(json({ page: { size: 20 } })), options)).fatal).toMatch(/neither a unit/);
  });

  it('parses in a worker thread when parallel, with the same results and errors', async () => {
    const units = [record(NAV), { organisasjonsnummer: '999999990', navn: 'FEIL' }, ministry('983887457', 'ARBEIDS- OG INKLUDERINGSDEPARTEMENTET')];
    const s = await importEnhetsregisteret(d.db, chunks(gzipSync(json(units)), 100), { ...options, parallel: true, batchSize: 1 });
    expect(s.fatal).toBeUndefined();
    expect(s).toMatchObject({ status: 'succeeded', records: 3, rejected: 1, unchanged: 2 });
    expect(s.input.gzip).toBe(true);
    expect(s.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bad = await importEnhetsregisteret(d.db, chunks(Buffer.from('[{"organisasjonsnummer": "974760673", "navn": "X"}, nope]')), { ...options, parallel: true });
    expect(bad.status).toBe('failed');
    expect(bad.fatal).toMatch(/^Malformed JSON at byte 53 \(after record 1\)/);
  });

  it('writes batches concurrently (two writers on a server, one on PGlite), linking parents written by the other writer at the end', async () => {
    const parent = fakeOrgnr();
    const children = [fakeOrgnr(), fakeOrgnr(), fakeOrgnr()];
    const units = [
      ...children.map((o) => ({ organisasjonsnummer: o, navn: `UNDERETAT ${o}`, organisasjonsform: { kode: 'ORGL' }, overordnetEnhet: parent })),
      { organisasjonsnummer: parent, navn: 'ETATEN', organisasjonsform: { kode: 'ORGL' }, overordnetEnhet: '983887457' },
    ];
    const s = await importEnhetsregisteret(d.db, chunks(json(units)), { ...options, batchSize: 1, writers: 2, parallel: true });
    expect(s).toMatchObject({ status: 'succeeded', created: 4 });
    for (const o of children) expect(await agency(o)).toMatchObject({ parentOrgnr: parent, ministryOrgnr: '983887457' });
  });

  it('filters on organisasjonsform and sector', async () => {
    const s = await importEnhetsregisteret(
      d.db,
      chunks(json([record(NAV), { organisasjonsnummer: '923609016', navn: 'EQUINOR ASA', organisasjonsform: { kode: 'ASA' }, institusjonellSektorkode: { kode: '1120' } }])),
      { ...options, sectors: new Set(['6100']) },
    );
    expect(s).toMatchObject({ skipped: 1, unchanged: 1, created: 0 });
    expect(await agency('923609016')).toBeUndefined();
  });
});

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ft-cli-'));
  let own: OwnDatabase;
  beforeAll(async () => {
    own = await ownDatabase('pglite', 'empty');
  });
  afterAll(async () => {
    await own?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[], input?: Buffer) =>
    spawnSync(process.execPath, programArgs('src/cli/import-enhetsregisteret.ts', ...args), {
      env: { ...process.env, ...own.env, DATABASE_URL: '', NODE_ENV: 'test' },
      input,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('imports from standard input, prints a summary and no progress noise when not on a terminal', () => {
    const r = run(['-'], fixture('sok_overordnetEnhet_984195796_domstoladministrasjonen.json'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Import finished/);
    expect(r.stdout).toMatch(/created +1/);
  });

  it('exits 1 on a malformed file and 2 on wrong usage', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"organisasjonsnummer": "974760673", "navn": "X"},');
    const r = run([bad, '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', created: 1 });
    expect(run([join(dir, 'missing.json')]).status).toBe(2);
    expect(run([bad, '--nonsense']).status).toBe(2);
  });
});
