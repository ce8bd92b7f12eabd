import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serviceDrafts, services } from '../../src/db/schema/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { expectHtmlPage, inLanguages } from '../support/expectations.js';
import { useDemoSessions, type Who } from '../support/sessions.js';

/**
 * Bulk upload of a provider's catalogue (issue 12): the download's columns come back in, a preview names every
 * row error by row and column, a file with a bad row applies nothing, the corrected file applies in one go (as
 * drafts or published), and CPSV-AP-NO Turtle is read the same way.
 */
const UTLEGG_DESCRIPTION = 'Ansatte registrerer utlegg med kvittering; virksomheten godkjenner og DFØ utbetaler sammen med lønn.';

describe.each(testEngines())('bulk upload of a catalogue on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);


  const upload = (who: Who, body: string, query: string, type = 'text/csv') =>
    t.app.inject({ method: 'POST', url: `/api/v1/providers/dfo/catalogue-imports?${query}`, headers: { ...headers[who], 'content-type': type }, payload: body });
  const csv = (lines: string[][]) => lines.map((l) => l.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n');
  const summaryOf = async (slug: string) => (await t.database.db.select({ summary: services.summary }).from(services).where(eq(services.slug, slug)))[0]?.summary;

  it('downloads the provider’s own entries in the upload’s columns', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/providers/dfo/catalogue.csv', headers: headers.dag });
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('tjeneste;navn;navn_nn;navn_en;sammendrag;sammendrag_nn;sammendrag_en;beskrivelse;beskrivelse_nn;beskrivelse_en;omrade;leveransemodell;malgruppe;forpliktelse;status;finansiering;pris;nettside;kontakt_epost;kontakt_telefon;nokkelord');
    expect(lines.some((l) => l.startsWith('dfo-lonn-utlegg;Utlegg;Utlegg;Expense claims;'))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/providers/dfo/catalogue.xlsx', headers: headers.siri })).statusCode).toBe(403);
    // The download uploaded unchanged changes nothing.
    const again = await upload('dag', res.body, 'dryRun=true');
    expect(again.statusCode).toBe(200);
    expect(again.json().counts).toMatchObject({ create: 0, change: 0, retire: 0, errors: 0 });
    expect(again.json().counts.unchanged).toBeGreaterThan(20);
  });

  it('previews a file with a bad row, names the row and the field, and applies nothing', async () => {
    const file = csv([
      ['tjeneste', 'navn', 'sammendrag', 'omrade', 'beskrivelse'],
      ['dfo-lonn-utlegg', 'Utlegg', 'Refusjon av utlegg, nå også i appen.', 'lonn', UTLEGG_DESCRIPTION],
      ['dfo-lonn-kilometer', 'Kilometergodtgjørelse', 'Godtgjørelse for bruk av egen bil på tjenestereiser.', 'lonn', 'Etter statens satser.'],
      ['dfo-lonn-feil', 'Feil rad', 'Et område som ikke finnes.', 'finnes-ikke', 'Beskrivelse.'],
    ]);
    const preview = await upload('dag', file, 'dryRun=true');
    expect(preview.statusCode).toBe(422);
    expect(preview.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(preview.json().errors).toEqual([{ line: 4, column: 'omrade', message: 'Rad 4, omrade: området «finnes-ikke» finnes ikke' }]);
    expect(preview.json().counts).toMatchObject({ create: 1, change: 1, errors: 1 });

    const before = await summaryOf('dfo-lonn-utlegg');
    const apply = await upload('dag', file, 'dryRun=false&mode=publish');
    expect(apply.statusCode).toBe(422);
    expect(apply.json().errors[0].message).toMatch(/^Rad 4, omrade/);
    expect(await summaryOf('dfo-lonn-utlegg')).toEqual(before);
    expect(await t.database.db.select().from(serviceDrafts).where(eq(serviceDrafts.slug, 'dfo-lonn-kilometer'))).toEqual([]);
  });

  it('applies the corrected file in one go: one created and one changed, published at once', async () => {
    const file = csv([
      ['tjeneste', 'navn', 'sammendrag', 'omrade', 'beskrivelse'],
      ['dfo-lonn-utlegg', 'Utlegg', 'Refusjon av utlegg, nå også i appen.', 'lonn', UTLEGG_DESCRIPTION],
      ['dfo-lonn-kilometer', 'Kilometergodtgjørelse', 'Godtgjørelse for bruk av egen bil på tjenestereiser.', 'lonn', 'Etter statens satser.'],
    ]);
    const preview = await upload('dag', file, 'dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().change).toEqual([{ line: 2, slug: 'dfo-lonn-utlegg', name: 'Utlegg', fields: ['summary'] }]);
    expect(preview.json().create).toEqual([{ line: 3, slug: 'dfo-lonn-kilometer', name: 'Kilometergodtgjørelse' }]);
    const apply = await upload('dag', file, 'dryRun=false&mode=publish');
    expect(apply.statusCode, apply.body).toBe(201);
    expect(apply.json().written).toBe(2);
    expect((await summaryOf('dfo-lonn-utlegg'))?.nb).toBe('Refusjon av utlegg, nå også i appen.');
    expect((await summaryOf('dfo-lonn-kilometer'))?.nb).toBe('Godtgjørelse for bruk av egen bil på tjenestereiser.');
    const page = await t.app.inject({ method: 'GET', url: '/tjenester/dfo-lonn-kilometer' });
    expect(page.statusCode).toBe(200);
  });

  it('saves as drafts without publishing, and reads CPSV-AP-NO Turtle', async () => {
    const ttl = `@prefix cpsvno: <https://data.norge.no/vocabulary/cpsvno#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix cv: <http://data.europa.eu/m8g/> .
<https://dfo.example/tjenester/dfo-lonn-utlegg> a cpsvno:Service ;
  dct:identifier "dfo-lonn-utlegg" ;
  dct:title "Utlegg"@nb, "Utlegg"@nn, "Expense claims"@en ;
  dct:description "Refusjon av utlegg ansatte har hatt for arbeidsgiver, også med kvittering i appen. Mer tekst her."@nb ;
  cv:thematicArea <http://portal.test/omrader/lonn> .
`;
    const preview = await upload('dag', ttl, 'dryRun=true', 'text/turtle');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().format).toBe('turtle');
    expect(preview.json().change).toEqual([{ line: 1, slug: 'dfo-lonn-utlegg', name: 'Utlegg', fields: ['summary', 'description'] }]);
    const apply = await upload('dag', ttl, 'dryRun=false&mode=drafts', 'text/turtle');
    expect(apply.statusCode).toBe(201);
    // Published text unchanged; the change waits in a draft.
    expect((await summaryOf('dfo-lonn-utlegg'))?.nb).toBe('Refusjon av utlegg, nå også i appen.');
    const [draft] = await t.database.db.select().from(serviceDrafts).where(eq(serviceDrafts.slug, 'dfo-lonn-utlegg'));
    expect(draft?.document.summary.nb).toBe('Refusjon av utlegg ansatte har hatt for arbeidsgiver, også med kvittering i appen.');
  });

  it('has a page: download, upload, a preview naming the bad row, nothing applied', async () => {
    for (const [lang, path] of inLanguages('/leverandorer/dfo/katalog')) expectHtmlPage(await t.app.inject({ method: 'GET', url: path, headers: headers.dag }), lang);
    const boundary = 'grense123';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
    const file = csv([
      ['tjeneste', 'navn', 'sammendrag', 'omrade', 'beskrivelse', 'status'],
      ['dfo-lonn-ny', 'Ny tjeneste', 'Kort om den.', 'lonn', 'Lengre om den.', 'active'],
      ['dfo-lonn-ugyldig', 'Ugyldig', 'Feil status.', 'lonn', 'Tekst.', 'kaputt'],
    ]);
    const body = part('_csrf', headers.dag['x-csrf-token']!) + part('action', 'preview') + part('retire', 'keep') + part('file', file, 'katalog.csv') + `--${boundary}--\r\n`;
    const res = await t.app.inject({ method: 'POST', url: '/leverandorer/dfo/katalog', headers: { cookie: headers.dag.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    const html = expectHtmlPage(res, 'nb', 422);
    expect(html).toContain('Feil i filen – ingenting blir lagret');
    expect(html).toContain('Rad 3, status: «kaputt» er ikke en gyldig kode');
    expect(html).not.toContain('Publiser med en gang');
    expect(await t.database.db.select().from(serviceDrafts).where(eq(serviceDrafts.slug, 'dfo-lonn-ny'))).toEqual([]);
  });

  it('refuses another provider’s editor and the public', async () => {
    expect((await upload('siri', 'tjeneste;navn\r\n', 'dryRun=true')).statusCode).toBe(403);
    expect((await upload('anonymous', 'tjeneste;navn\r\n', 'dryRun=true')).statusCode).toBe(401);
  });
});
