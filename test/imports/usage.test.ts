import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, importRuns, subscriptions } from '../../src/db/schema/index.js';
import { applyUsageImport, presentPlan, previewUsageImport, UsageImportError } from '../../src/imports/usage/usageImport.js';
import { actorFor, signedIn, type TestSession } from '../support/sessions.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { programArgs } from '../support/commands.js';
import { testEngines } from '../support/engines.js';
import { createAgency, createArea, createProvider, createService, createSubscription, createTier, fakeOrgnr } from '../support/factories.js';
import { type OwnDatabase, ownDatabase } from '../support/ownDatabase.js';

const TODAY = '2024-06-30';
const bom = '\ufeff';

describe.each(testEngines())('usage import on %s', (engine) => {
  let t: TestApp;
  const o: Record<string, string> = {};
  let dfoId = '';
  const as: Record<'dfo' | 'other' | 'admin', TestSession | undefined> = { dfo: undefined, other: undefined, admin: undefined };
  let current: TestSession | undefined;

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'empty' });
    const db = t.database.db;
    const area = await createArea(db);
    const dfo = await createProvider(db, { slug: 'dfo', name: { nb: 'DFØ' } });
    const other = await createProvider(db, { slug: 'annen', name: { nb: 'Annen leverandør' } });
    dfoId = dfo.id;
    as.dfo = await signedIn(db, [{ role: 'provider_editor', providerId: dfo.id }], { name: 'Kari', email: 'kari@dfo.no' });
    as.other = await signedIn(db, [{ role: 'provider_editor', providerId: other.id }], { email: 'x@annen.no' });
    as.admin = await signedIn(db, [{ role: 'admin' }], { email: 'admin@dfo.no' });
    const lonn = await createService(db, { slug: 'lonn', providerId: dfo.id, areaSlug: area.slug });
    const regnskap = await createService(db, { slug: 'regnskap', providerId: dfo.id, areaSlug: area.slug });
    await createService(db, { slug: 'annen-tjeneste', providerId: other.id, areaSlug: area.slug });
    const basis = await createTier(db, { serviceId: lonn.id, slug: 'basis', sortOrder: 1 });
    const full = await createTier(db, { serviceId: lonn.id, slug: 'fullservice', sortOrder: 2 });
    for (const k of ['A', 'B', 'C', 'D', 'E', 'G']) o[k] = (await createAgency(db, { name: { nb: `Virksomhet ${k}` } })).orgnr;
    o.H = (await createAgency(db, { name: { nb: "=HYPERLINK(\"http://evil\",\"klikk\")" } })).orgnr;
    o.F = fakeOrgnr(); // valid, but not in the register
    await createSubscription(db, { agencyOrgnr: o.A!, serviceId: lonn.id, tierId: basis.id, startedOn: '2019-01-01' });
    await createSubscription(db, { agencyOrgnr: o.B!, serviceId: lonn.id, tierId: full.id, startedOn: '2018-01-01' });
    await createSubscription(db, { agencyOrgnr: o.C!, serviceId: regnskap.id, startedOn: '2020-01-01' });
    await createSubscription(db, { agencyOrgnr: o.D!, serviceId: lonn.id, tierId: basis.id, startedOn: '2021-01-01' });
    await createSubscription(db, { agencyOrgnr: o.H!, serviceId: regnskap.id, startedOn: '2021-01-01' });
  });
  afterAll(async () => t?.close());

  const validCsv = () =>
    bom +
    [
      'organisasjonsnummer;navn;tjeneste;tjenestemodell;fra;til',
      `${o.A};"Navn; med semikolon og ""anførsel""";lonn;basis;01.01.2019;`,
      `${o.B};B;lonn;basis;2024-01-01;`,
      `${o.E};E;lonn;fullservice;2024-02-01;`,
      `${o.C};C;regnskap;;2020-01-01;2023-12-31`,
      `${o.H};H;regnskap;;2021-01-01;`,
    ].join('\r\n') +
    '\r\n';
  const badLines = () => [
    `999999990;X;lonn;basis;2024-01-01;`,
    `=cmd|' /C calc'!A0;X;lonn;basis;2024-01-01;`,
    `${o.F};X;lonn;basis;2024-01-01;`,
    `${o.G};X;ukjent;basis;2024-01-01;`,
    `${o.G};X;annen-tjeneste;;2024-01-01;`,
    `${o.G};X;regnskap;basis;2024-01-01;`,
    `${o.G};X;lonn;;2024-01-01;`,
    `${o.G};X;lonn;gull;2024-01-01;`,
    `${o.G};X;lonn;basis;31.02.2024;`,
    `${o.G};X;lonn;basis;2024-05-01;2024-04-01`,
    `${o.E};E;lonn;fullservice;2024-02-01;`,
    `${o.G};X;lonn;basis;2024-01-01;2025-01-01`,
  ];
  const options = (csv: string, extra = {}) => ({ providerSlug: 'dfo', file: Buffer.from(csv, 'utf8'), fileName: 'kunder.csv', today: TODAY, ...extra });

  it('previews adds, tier changes, ends and unchanged rows without writing anything', async () => {
    const before = await t.database.db.select().from(subscriptions);
    const p = presentPlan(await previewUsageImport(t.database.db, options(validCsv())), 'nb');
    expect(p.counts).toEqual({ add: 1, change: 1, end: 2, unchanged: 2, errors: 0 });
    expect(p.file).toMatchObject({ format: 'csv', encoding: 'UTF-8', separator: ';', rows: 5 });
    expect(p.add).toEqual([{ line: 4, orgnr: o.E, agency: 'Virksomhet E', service: 'lonn', tier: 'fullservice', from: '2024-02-01', to: null }]);
    expect(p.change).toEqual([{ line: 3, orgnr: o.B, agency: 'Virksomhet B', service: 'lonn', tier: 'basis', previousTier: 'fullservice', from: '2024-01-01', to: null }]);
    expect(p.end.map((e) => [e.line, e.orgnr, e.service, e.to])).toEqual([
      [5, o.C, 'regnskap', '2023-12-31'],
      [null, o.D, 'lonn', TODAY], // a customer missing from the file
    ]);
    expect(p.unchanged.map((u) => u.orgnr)).toEqual([o.A, o.H]);
    expect(await t.database.db.select().from(subscriptions)).toEqual(before);
  });

  it('lists row errors with line numbers and reasons; apply then writes nothing (all or nothing)', async () => {
    const csv = validCsv() + badLines().join('\r\n');
    const p = presentPlan(await previewUsageImport(t.database.db, options(csv)), 'nb');
    expect(p.errors.map((e) => [e.line, e.code])).toEqual([
      [7, 'invalidOrgnr'],
      [8, 'invalidOrgnr'],
      [9, 'unknownAgency'],
      [10, 'unknownService'],
      [11, 'notProvidersService'],
      [12, 'noTiers'],
      [13, 'missingTier'],
      [14, 'unknownTier'],
      [15, 'badDate'],
      [16, 'toBeforeFrom'],
      [17, 'duplicate'],
      [18, 'futureTo'],
    ]);
    const message = (line: number) => p.errors.find((e) => e.line === line)!.message;
    expect(message(7)).toBe('Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke). («999999990»)');
    expect(message(8)).toBe("Organisasjonsnummeret kan bare inneholde sifre. («=cmd|' /C calc'!A0»)");
    expect(message(9)).toContain('Importer den fra Enhetsregisteret først');
    expect(message(11)).toBe('Tjenesten «annen-tjeneste» leveres ikke av denne leverandøren.');
    expect(message(13)).toBe('Tjenestemodell mangler. Bruk en av: basis, fullservice.');
    expect(message(15)).toBe('«31.02.2024» i Fra er ikke en dato. Skriv 2024-01-31 eller 31.01.2024.');
    expect(message(17)).toBe('Samme virksomhet og tjeneste står allerede på linje 4.');
    // The formula-like cell is text: noted, never evaluated.
    expect(p.notes).toContainEqual({ line: 8, column: 'orgnr', code: 'formula', message: 'Cellen ser ut som en formel. Den er lest som tekst og ikke regnet ut.' });
    const before = await t.database.db.select().from(subscriptions);
    const error = await applyUsageImport(t.database.db, actorFor(as.admin!.principal), options(csv)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageImportError);
    expect((error as UsageImportError).status).toBe(422);
    expect(await t.database.db.select().from(subscriptions)).toEqual(before);
  });

  it('refuses a provider user acting for another provider', async () => {
    const error = await applyUsageImport(t.database.db, actorFor(as.other!.principal), options(validCsv())).catch((e: unknown) => e);
    expect((error as UsageImportError).status).toBe(403);
  });

  it('applies in one transaction: ends and starts rows for a tier change, records the run, and a second run changes nothing', async () => {
    const db = t.database.db;
    const { runId, plan } = await applyUsageImport(db, actorFor(as.dfo!.principal), options(validCsv()));
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, runId));
    expect(audit).toMatchObject({ action: 'usage-import.applied', actingRole: 'provider_editor', providerId: dfoId, actorName: 'Kari' });
    expect(plan.add).toHaveLength(1);
    const rows = async (orgnr: string) =>
      (await db.select().from(subscriptions).where(eq(subscriptions.agencyOrgnr, orgnr))).map((s) => [s.startedOn, s.endedOn, s.factSource]).sort();
    expect(await rows(o.B!)).toEqual([
      ['2018-01-01', '2023-12-31', 'illustrative'],
      ['2024-01-01', null, 'provider'],
    ]);
    expect(await rows(o.E!)).toEqual([['2024-02-01', null, 'provider']]);
    expect(await rows(o.C!)).toEqual([['2020-01-01', '2023-12-31', 'illustrative']]);
    expect(await rows(o.D!)).toEqual([['2021-01-01', TODAY, 'illustrative']]);
    expect(await rows(o.A!)).toEqual([['2019-01-01', null, 'illustrative']]);
    const [run] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
    expect(run).toMatchObject({ kind: 'usage', status: 'succeeded', actorKind: 'provider', actorProviderId: dfoId, actorLabel: 'kari@dfo.no', providerId: dfoId, fileName: 'kunder.csv' });
    expect(run!.counts).toEqual({ rows: 5, added: 1, changed: 1, ended: 2, unchanged: 2 });
    expect(run!.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const again = presentPlan(await previewUsageImport(db, options(validCsv())), 'nb');
    expect(again.counts).toEqual({ add: 0, change: 0, end: 0, unchanged: 5, errors: 0 });
  });

  it('reads Windows-1252 (Latin-1) CSV with commas and a header-less UTF-16 file', async () => {
    const latin1 = Buffer.from(`orgnr,navn,tjeneste,niv\xe5,fra\n${o.A},B\xe6rum \xd8stre,lonn,basis,2019-01-01\n`, 'latin1');
    const p = await previewUsageImport(t.database.db, { providerSlug: 'dfo', file: latin1, today: TODAY });
    expect(p.file).toMatchObject({ encoding: 'Windows-1252', separator: ',' });
    expect(p.errors).toEqual([]);
    expect(p.unchanged.map((u) => u.orgnr)).toEqual([o.A]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${o.A}\tlonn\tbasis\t2019-01-01\r\n`, 'utf16le')]);
    const q = await previewUsageImport(t.database.db, { providerSlug: 'dfo', file: utf16, today: TODAY });
    expect(q.file).toMatchObject({ encoding: 'UTF-16', separator: '\t', rows: 1 });
    expect(q.errors).toEqual([]);
  });

  it('reads XLSX: dates as dates, numbers as org numbers, formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kunder');
    ws.addRow(['Organisasjonsnummer', 'Tjeneste', 'Tjenestemodell', 'Fra', 'Til']);
    ws.addRow([Number(o.A), 'lonn', 'basis', new Date(Date.UTC(2019, 0, 1)), null]);
    ws.addRow([{ formula: 'HYPERLINK("http://evil","x")', result: o.B }, 'lonn', 'basis', '01.01.2024', null]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const p = presentPlan(await previewUsageImport(t.database.db, { providerSlug: 'dfo', file, today: TODAY }), 'en');
    expect(p.file.format).toBe('xlsx');
    expect(p.unchanged.map((u) => [u.line, u.orgnr])).toEqual([[2, o.A]]);
    expect(p.errors).toEqual([{ line: 3, column: 'orgnr', code: 'invalidOrgnr', value: '=HYPERLINK("http://evil","x")', message: expect.stringContaining('digits only') }]);
    expect(p.notes.map((n) => [n.line, n.code])).toEqual([[3, 'formula']]);
  });

  it('refuses files it cannot read with a clear message', async () => {
    const fail = (file: Buffer) => previewUsageImport(t.database.db, { providerSlug: 'dfo', file }).catch((e: UsageImportError) => e.fileProblem?.code);
    expect(await fail(Buffer.alloc(0))).toBe('empty');
    expect(await fail(Buffer.from('navn;adresse\nX;Y\n'))).toBe('columns');
    expect(await fail(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBe('binary');
    expect(await fail(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBe('xlsx');
    expect(await fail(Buffer.from([0x61, 0x81, 0x8d, 0x0a]))).toBe('encoding');
    expect(await fail(Buffer.alloc(3 * 1024 * 1024, 0x61))).toBe('tooLarge');
  });

  describe('through the API', () => {
    const post = (url: string, payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/csv' }) =>
      t.app.inject({ method: 'POST', url, payload, headers: { ...headers, ...(current?.headers ?? {}) } });

    it('refuses without a signed-in provider (401), for another provider (403) and for an unknown provider (404)', async () => {
      current = undefined;
      const res = await post('/api/v1/providers/dfo/usage-imports', validCsv());
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('Du må logge inn for å gjøre dette.');
      current = as.other;
      expect((await post('/api/v1/providers/dfo/usage-imports?dryRun=false', validCsv())).statusCode).toBe(403);
      current = as.admin;
      expect((await post('/api/v1/providers/finnes-ikke/usage-imports', validCsv())).statusCode).toBe(404);
    });

    it('previews a raw CSV body and a multipart upload, and applies or refuses all of it', async () => {
      current = as.dfo;
      const csv = `orgnr;tjeneste;tjenestemodell;fra\n${o.G};lonn;basis;2024-03-01\n`;
      const preview = await post('/api/v1/providers/dfo/usage-imports?lang=en', csv);
      expect(preview.statusCode).toBe(200);
      expect(preview.json().counts).toMatchObject({ add: 1, errors: 0 });
      const boundary = '----ft';
      const multipart = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kunder.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      );
      const viaForm = await post('/api/v1/providers/dfo/usage-imports', multipart, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      expect(viaForm.statusCode).toBe(200);
      expect(viaForm.json().file.name).toBe('kunder.csv');
      const refused = await post('/api/v1/providers/dfo/usage-imports?dryRun=false', csv + `${o.G};lonn;gull;2024-03-01\n`);
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors[0]).toMatchObject({ line: 3, code: 'unknownTier' });
      const applied = await post('/api/v1/providers/dfo/usage-imports?dryRun=false&scope=file', csv);
      expect(applied.statusCode).toBe(201);
      expect(applied.json().runId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await post('/api/v1/providers/dfo/usage-imports', Buffer.from('<x/>'), { 'content-type': 'application/xml' })).statusCode).toBe(415);
      expect((await post('/api/v1/providers/dfo/usage-imports', '')).statusCode).toBe(400);
    });

    it('exports the current customers as CSV and XLSX with formula cells escaped', async () => {
      const csv = await t.app.inject('/api/v1/providers/dfo/customers.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.body.startsWith('\ufefforganisasjonsnummer;navn;tjeneste;tjenestemodell;fra;til\r\n')).toBe(true);
      expect(csv.body).toContain(`${o.H};"'=HYPERLINK(""http://evil"",""klikk"")";regnskap;;2021-01-01;`);
      const xlsx = await t.app.inject('/api/v1/providers/dfo/customers.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets[0]!.getColumn(2).values.filter(Boolean);
      expect(names).toContain("'=HYPERLINK(\"http://evil\",\"klikk\")");
      // The export reads back as an import that changes nothing.
      current = as.admin;
      const roundTrip = await post('/api/v1/providers/dfo/usage-imports', csv.body);
      expect(roundTrip.json().counts).toMatchObject({ add: 0, change: 0, end: 0, errors: 0 });
    });
  });
});

describe('the usage import command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ft-usage-cli-'));
  let own: OwnDatabase;
  let orgnr = '';
  beforeAll(async () => {
    own = await ownDatabase('pglite', 'empty');
    const h = await own.open();
    const area = await createArea(h.db);
    const dfo = await createProvider(h.db, { slug: 'dfo', name: { nb: 'DFØ' } });
    await createService(h.db, { slug: 'lonn', providerId: dfo.id, areaSlug: area.slug });
    orgnr = (await createAgency(h.db)).orgnr;
    await h.close();
  });
  afterAll(async () => {
    await own?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[]) =>
    spawnSync(process.execPath, programArgs('src/cli/import-usage.ts', ...args), {
      env: { ...process.env, ...own.env, DATABASE_URL: '', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  // Four runs of the command, each its own process opening the embedded database: about 20 s each on a busy CI machine.
  it('previews, refuses a file with errors (exit 1), applies with an actor, and refuses wrong usage (exit 2)', { timeout: 240_000 }, async () => {
    const good = join(dir, 'kunder.csv');
    writeFileSync(good, `orgnr;tjeneste;fra\n${orgnr};lonn;2024-01-01\n`);
    const preview = run([good, '--provider', 'dfo']);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toMatch(/^Preview \(nothing written\): 1 to add/);
    const bad = join(dir, 'feil.csv');
    writeFileSync(bad, `orgnr;tjeneste;fra\n123;lonn;2024-01-01\n`);
    const refused = run([bad, '--provider', 'dfo', '--apply', '--actor', 'ops@dfo.no']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('line 2: Organisasjonsnummeret må ha 9 sifre.');
    expect(run([good, '--provider', 'dfo', '--apply']).status).toBe(2);
    const applied = run([good, '--provider', 'dfo', '--apply', '--actor', 'ops@dfo.no', '--json']);
    expect(applied.status).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ runId: expect.any(String), counts: { add: 1 } });
    const h = await own.open();
    const [run1] = await h.db.select().from(importRuns).where(eq(importRuns.kind, 'usage'));
    expect(run1).toMatchObject({ actorKind: 'admin', actorLabel: 'ops@dfo.no', fileName: 'kunder.csv' });
    await h.close();
  });
});
