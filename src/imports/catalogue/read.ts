/**
 * A provider's catalogue file as rows for the bulk plan (src/domain/bulkCatalogue.ts): CSV or XLSX with the columns
 * of the download (headers by key, any order, unknown columns ignored), or CPSV-AP-NO Turtle (services typed
 * cpsvno:Service or cpsv:PublicService), as harvested from a provider's own catalogue.
 */
import { Parser, Store, type Term } from 'n3';
import { BULK_COLUMNS, type BulkColumnKey, type BulkRow } from '../../domain/bulkCatalogue.js';
import { FileProblem, MAX_FILE_BYTES, readTable } from '../usage/parse.js';

export { FileProblem };

export type CatalogueFileFormat = 'csv' | 'xlsx' | 'turtle';

const KEYS = new Set<string>(BULK_COLUMNS.map((c) => c.key));
const normalise = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_').replace(/å/g, 'a').replace(/ø/g, 'o').replace(/æ/g, 'ae');

/** CSV/XLSX: the first non-empty line is the header; it must name the `tjeneste` column. */
export async function readSpreadsheetRows(bytes: Buffer): Promise<{ format: 'csv' | 'xlsx'; rows: BulkRow[] }> {
  const table = await readTable(bytes);
  const lines = table.lines.filter((l) => l.cells.some((c) => c.trim() !== ''));
  if (lines.length === 0) throw new FileProblem('empty');
  const header = lines[0]!.cells.map(normalise);
  if (!header.includes('tjeneste')) throw new FileProblem('columns', 'tjeneste, navn, sammendrag, omrade');
  const rows = lines.slice(1).map(({ line, cells }) => {
    const out: BulkRow['cells'] = {};
    header.forEach((h, i) => {
      if (KEYS.has(h)) out[h as BulkColumnKey] = cells[i] ?? '';
    });
    return { line, cells: out };
  });
  return { format: table.format, rows };
}

const DCT = 'http://purl.org/dc/terms/';
const CV = 'http://data.europa.eu/m8g/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SERVICE_CLASSES = ['https://data.norge.no/vocabulary/cpsvno#Service', 'http://purl.org/vocab/cpsv#PublicService'];
const STATUS: Record<string, string> = { COMPLETED: 'active', DEVELOP: 'pilot', DEPRECATED: 'phasing_out', WITHDRAWN: 'phasing_out' };

const lastSegment = (iri: string) => decodeURIComponent(iri.replace(/[#/]+$/, '').split(/[/#]/).pop() ?? '');

/** The first sentence of a text (at most 300 characters), as a summary for a service that has none. */
function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  const s = (m ? m[1]! : text.trim()).replace(/\s+/g, ' ');
  return s.length > 300 ? `${s.slice(0, 297)}…` : s;
}

/**
 * CPSV-AP-NO Turtle as rows, one per service, in document order; `line` is the service's position (1, 2 …) since
 * Turtle has no rows. The slug is the service's dct:identifier when it is one, else its IRI's last segment.
 */
export function readTurtleRows(text: string): BulkRow[] {
  let store: Store;
  try {
    store = new Store(new Parser().parse(text));
  } catch (e) {
    throw new FileProblem('turtle', (e as Error).message.slice(0, 200));
  }
  const texts = (s: Term, p: string) => {
    const out: Partial<Record<'nb' | 'nn' | 'en', string>> = {};
    for (const o of store.getObjects(s, p, null)) {
      if (o.termType !== 'Literal') continue;
      const lang = o.language === 'no' || o.language === '' ? 'nb' : o.language;
      if ((lang === 'nb' || lang === 'nn' || lang === 'en') && !out[lang]) out[lang] = o.value.trim();
    }
    return out;
  };
  const one = (s: Term, p: string) => store.getObjects(s, p, null)[0];
  const subjects = SERVICE_CLASSES.flatMap((c) => store.getSubjects(RDF_TYPE, c, null));
  const seen = new Set<string>();
  const rows: BulkRow[] = [];
  for (const s of subjects) {
    if (seen.has(s.value)) continue;
    seen.add(s.value);
    const id = one(s, `${DCT}identifier`)?.value ?? '';
    const slug = /^[a-z0-9-]+$/.test(id) ? id : lastSegment(s.value);
    const title = texts(s, `${DCT}title`);
    const description = texts(s, `${DCT}description`);
    const cells: BulkRow['cells'] = { tjeneste: slug };
    const put = (k: BulkColumnKey, v: string | undefined) => {
      if (v !== undefined) cells[k] = v;
    };
    put('navn', title.nb);
    put('navn_nn', title.nn);
    put('navn_en', title.en);
    put('beskrivelse', description.nb);
    put('beskrivelse_nn', description.nn);
    put('beskrivelse_en', description.en);
    if (description.nb) cells.sammendrag = firstSentence(description.nb);
    if (description.nn) cells.sammendrag_nn = firstSentence(description.nn);
    if (description.en) cells.sammendrag_en = firstSentence(description.en);
    const area = one(s, `${CV}thematicArea`);
    if (area?.termType === 'NamedNode') cells.omrade = lastSegment(area.value);
    const homepage = one(s, 'http://xmlns.com/foaf/0.1/homepage');
    if (homepage) cells.nettside = homepage.value;
    const status = one(s, 'http://purl.org/adms#status') ?? one(s, 'http://www.w3.org/ns/adms#status');
    if (status && STATUS[lastSegment(status.value)]) cells.status = STATUS[lastSegment(status.value)]!;
    const contact = one(s, `${CV}contactPoint`);
    if (contact) {
      const email = one(contact, `${CV}email`)?.value.replace(/^mailto:/, '');
      const phone = one(contact, `${CV}telephone`)?.value;
      if (email) cells.kontakt_epost = email;
      if (phone) cells.kontakt_telefon = phone;
    }
    const keywords = store.getObjects(s, 'http://www.w3.org/ns/dcat#keyword', null).filter((k) => k.termType === 'Literal' && (k as { language?: string }).language !== 'en').map((k) => k.value);
    if (keywords.length) cells.nokkelord = keywords.join(', ');
    rows.push({ line: rows.length + 1, cells });
  }
  if (rows.length === 0) throw new FileProblem('empty');
  return rows;
}

/** Any catalogue file: Turtle when its name ends in .ttl or its content type says so, else CSV/XLSX. */
export async function readCatalogueFile(bytes: Buffer, hint: { fileName?: string | null; contentType?: string | null } = {}): Promise<{ format: CatalogueFileFormat; rows: BulkRow[] }> {
  if (bytes.length === 0) throw new FileProblem('empty');
  if (bytes.length > MAX_FILE_BYTES) throw new FileProblem('tooLarge', `${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const turtle = /\.ttl$/i.test(hint.fileName ?? '') || /turtle/i.test(hint.contentType ?? '') || /^\s*@prefix\s/m.test(bytes.subarray(0, 2000).toString('utf8'));
  if (turtle) return { format: 'turtle', rows: readTurtleRows(bytes.toString('utf8')) };
  return readSpreadsheetRows(bytes);
}
