import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrganisationKind } from '../../domain/catalogue.js';
import { checkOrgnr } from '../../domain/orgnr.js';
import { projectRoot } from '../../paths.js';

/**
 * One Enhetsregisteret unit (enhet) as the portal stores it. Pure mapping and validation: a raw JSON record in,
 * an agency row or the reason it was refused out.
 */
export interface AgencyRow {
  orgnr: string;
  /** Display name: the register's name, which is in capitals, in Norwegian sentence case. */
  name: string;
  kind: OrganisationKind;
  orgForm: string | null;
  sectorCode: string | null;
  parentOrgnr: string | null;
  employees: number | null;
  employeesAsOf: string | null;
  municipalityNumber: string | null;
  municipalityName: string | null;
  postalCode: string | null;
  city: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  deletedOn: string | null;
}

export type MapResult = { ok: true; row: AgencyRow } | { ok: false; skipped?: boolean; reason: string };

export interface MapOptions {
  /** Org numbers of the ministries (a ministry is organisasjonsform STAT with its org number here). */
  ministries: ReadonlySet<string>;
  /** Only these organisasjonsformer (e.g. STAT, ORGL); others are skipped. */
  orgForms?: ReadonlySet<string> | undefined;
  /** Only these institutional sector codes (e.g. 6100); others are skipped. */
  sectors?: ReadonlySet<string> | undefined;
}

/** The ministries list shipped with the portal (data/reference/ministries, with its provenance). */
export function loadMinistries(file = join(projectRoot, 'data/reference/ministries/departementer.csv')): Set<string> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  return new Set(lines.map((l) => l.split(',')[0]!.trim()).filter((o) => checkOrgnr(o).ok));
}

/** Sub-units (underenheter) are branches of a unit, not organisations of their own. */
const SUB_UNIT_FORMS = new Set(['BEDR', 'AAFY']);
const UPPER_TOKENS = new Set(['AS', 'ASA', 'SF', 'IKS', 'KF', 'FKF', 'HF', 'RHF', 'BA', 'SA', 'NUF', 'DA', 'ANS', 'KS', 'IKT', 'NAV', 'IT', 'HR']);
const MAX_TEXT = 500;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
/** A real calendar date yyyy-mm-dd (JavaScript would read 2025-02-30 as 2 March; PostgreSQL refuses it). */
const isoDate = (v: unknown): boolean => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
};

/**
 * "ARBEIDS- OG VELFERDSETATEN" → "Arbeids- og velferdsetaten"; company-form suffixes (AS, SF …) stay in capitals;
 * names that already have lower-case letters are kept as they are. Place names come out in lower case ("i bergen"):
 * a curated name in the portal is never replaced by this (see the importer).
 */
export function displayName(registerName: string): string {
  const name = registerName.replace(/\s+/g, ' ').trim();
  if (/\p{Ll}/u.test(name)) return name;
  const words = name.toLocaleLowerCase('nb').split(' ');
  return words
    .map((w, i) => {
      const upper = w.toLocaleUpperCase('nb');
      if (UPPER_TOKENS.has(upper) && i > 0) return upper;
      return i === 0 ? w.charAt(0).toLocaleUpperCase('nb') + w.slice(1) : w;
    })
    .join(' ');
}

/** "OSLO" → "Oslo", "NORDRE LAND" → "Nordre Land": place names have every word capitalised. */
function placeName(v: string | null): string | null {
  if (!v) return null;
  if (/\p{Ll}/u.test(v)) return v;
  return v
    .toLocaleLowerCase('nb')
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('nb'));
}

function kindOf(orgForm: string | null, orgnr: string, sector: string | null, ministries: ReadonlySet<string>): OrganisationKind {
  const municipal = sector?.startsWith('65') ?? false;
  switch (orgForm) {
    case 'STAT':
      return ministries.has(orgnr) ? 'ministry' : 'agency';
    case 'ORGL':
    case 'ADOS':
      return municipal ? 'other' : 'agency';
    case 'SF':
      return 'state_enterprise';
    case 'KOMM':
      return 'municipality';
    case 'FYLK':
      return 'county';
    case 'AS':
    case 'ASA':
      return 'company';
    default:
      return 'other';
  }
}

const ORGNR_REASONS = {
  empty: 'organisasjonsnummer is missing',
  format: 'organisasjonsnummer may contain digits only',
  length: 'organisasjonsnummer must have 9 digits',
  checksum: 'organisasjonsnummer fails the MOD11 check (wrong check digit)',
} as const;

export function mapRecord(raw: unknown, options: MapOptions): MapResult {
  if (!isObject(raw)) return { ok: false, reason: 'the record is not a JSON object' };
  const orgnrRaw = typeof raw.organisasjonsnummer === 'number' ? String(raw.organisasjonsnummer) : raw.organisasjonsnummer;
  if (orgnrRaw !== undefined && typeof orgnrRaw !== 'string') return { ok: false, reason: 'organisasjonsnummer is not a string' };
  const orgnr = checkOrgnr(orgnrRaw);
  if (!orgnr.ok) return { ok: false, reason: `${ORGNR_REASONS[orgnr.problem]} (${JSON.stringify(orgnrRaw ?? null)})` };
  const form = isObject(raw.organisasjonsform) ? str(raw.organisasjonsform.kode) : null;
  if (form && SUB_UNIT_FORMS.has(form)) return { ok: false, skipped: true, reason: `underenhet (${form}): not an organisation of its own` };
  if ('beliggenhetsadresse' in raw && !('forretningsadresse' in raw)) return { ok: false, skipped: true, reason: 'underenhet: not an organisation of its own' };
  const sector = isObject(raw.institusjonellSektorkode) ? str(raw.institusjonellSektorkode.kode) : null;
  if (options.orgForms && !(form && options.orgForms.has(form))) return { ok: false, skipped: true, reason: `organisasjonsform ${form ?? 'missing'} not selected` };
  if (options.sectors && !(sector && options.sectors.has(sector))) return { ok: false, skipped: true, reason: `sector ${sector ?? 'missing'} not selected` };

  const name = str(raw.navn);
  if (!name) return { ok: false, reason: 'navn is missing' };
  if (name.length > MAX_TEXT) return { ok: false, reason: `navn is longer than ${MAX_TEXT} characters` };

  let parentOrgnr: string | null = null;
  if (raw.overordnetEnhet !== undefined && raw.overordnetEnhet !== null) {
    const parent = checkOrgnr(typeof raw.overordnetEnhet === 'string' ? raw.overordnetEnhet : String(raw.overordnetEnhet));
    if (!parent.ok) return { ok: false, reason: `overordnetEnhet: ${ORGNR_REASONS[parent.problem]} (${JSON.stringify(raw.overordnetEnhet)})` };
    if (parent.orgnr === orgnr.orgnr) return { ok: false, reason: 'overordnetEnhet is the unit itself' };
    parentOrgnr = parent.orgnr;
  }

  let employees: number | null = null;
  if (raw.antallAnsatte !== undefined && raw.antallAnsatte !== null) {
    if (typeof raw.antallAnsatte !== 'number' || !Number.isInteger(raw.antallAnsatte) || raw.antallAnsatte < 0 || raw.antallAnsatte > 10_000_000) {
      return { ok: false, reason: `antallAnsatte must be a whole number ≥ 0 (${JSON.stringify(raw.antallAnsatte)})` };
    }
    if (raw.harRegistrertAntallAnsatte !== false) employees = raw.antallAnsatte;
  }
  const employeesAsOfRaw = raw.registreringsdatoAntallAnsatteEnhetsregisteret;
  const employeesAsOf = employees !== null && isoDate(employeesAsOfRaw) ? (employeesAsOfRaw as string) : null;

  let deletedOn: string | null = null;
  if (raw.slettedato !== undefined && raw.slettedato !== null) {
    if (!isoDate(raw.slettedato)) return { ok: false, reason: `slettedato is not a date yyyy-mm-dd (${JSON.stringify(raw.slettedato)})` };
    deletedOn = raw.slettedato as string;
  }

  const address = isObject(raw.forretningsadresse) ? raw.forretningsadresse : isObject(raw.postadresse) ? raw.postadresse : {};
  const text = (v: unknown) => {
    const s = str(v);
    return s && s.length <= MAX_TEXT ? s : null;
  };
  return {
    ok: true,
    row: {
      orgnr: orgnr.orgnr,
      name: displayName(name),
      kind: kindOf(form, orgnr.orgnr, sector, options.ministries),
      orgForm: form,
      sectorCode: sector,
      parentOrgnr,
      employees,
      employeesAsOf,
      municipalityNumber: text(address.kommunenummer),
      municipalityName: placeName(text(address.kommune)),
      postalCode: text(address.postnummer),
      city: placeName(text(address.poststed)),
      website: text(raw.hjemmeside),
      email: text(raw.epostadresse),
      phone: text(raw.telefon) ?? text(raw.mobil),
      deletedOn,
    },
  };
}
