/**
 * Builds data/demo/agencies.json from the curated list (data/demo/sources/agency-curation.csv) joined with the
 * register extracts copied into data/demo/sources (see data/demo/README.md for their origin).
 *
 * The curation says which organisations are in the dataset and what the registers cannot: today's name, the
 * ministry in today's structure, illustrative employee counts, deletions after mergers. The registers give the
 * rest: Nynorsk/English names where the name has not changed, homepage, postal code and city (Etatsbasen 2014),
 * municipality and county (today's municipality numbers, looked up from the postal code or the registered
 * municipality). Deterministic: same inputs, same file.
 *
 *   npx tsx scripts/demo/build-agencies.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactSource, OrganisationKind } from '../../src/domain/catalogue.js';
import { ORGANISATION_KINDS } from '../../src/domain/catalogue.js';
import type { AgencyRecord } from '../../src/db/seed/format.js';
import { demoDataDir } from '../../src/paths.js';
import { compact, readCsvObjects, writeJsonLines } from './io.js';

const sources = join(demoDataDir, 'sources');

interface Curated {
  orgnr: string;
  kind: OrganisationKind;
  ministry: string;
  parent: string;
  nameNb: string;
  shortName: string;
  nameEn: string;
  employees: number | null;
  deletedOn: string;
  /** Municipality name, for organisations the register extracts do not place. */
  municipality: string;
  /** Today's homepage where the registers only know an old one. */
  website: string;
  note: string;
}

/** The curation file is `;`-separated; the last column (note) may itself contain `;`. */
function readCuration(): Curated[] {
  const lines = readFileSync(join(sources, 'agency-curation.csv'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines.map((l) => l.split(';'));
  if (header?.join(';') !== 'orgnr;kind;ministry;parent;name_nb;short;name_en;employees;deleted_on;municipality;website;note') {
    throw new Error('agency-curation.csv: unexpected header');
  }
  return rows.map((f, i) => {
    const [orgnr, kind, ministry, parent, nameNb, shortName, nameEn, employees, deletedOn, municipality, site, ...note] = f;
    if (!orgnr || !nameNb || !(ORGANISATION_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new Error(`agency-curation.csv line ${i + 2}: needs orgnr, a known kind and name_nb`);
    }
    return {
      orgnr,
      kind: kind as OrganisationKind,
      ministry: ministry ?? '',
      parent: parent ?? '',
      nameNb,
      shortName: shortName ?? '',
      nameEn: nameEn ?? '',
      employees: employees ? Number(employees) : null,
      deletedOn: deletedOn ?? '',
      municipality: municipality ?? '',
      website: site ?? '',
      note: note.join(';'),
    };
  });
}

interface Municipality {
  number: string;
  name: string;
  county: string;
  /** The administrative centre, the city to show when no address says otherwise ("Mo i Rana" for Rana). */
  centre: string;
  place?: string;
}

function readMunicipalities() {
  const counties = new Map(
    (JSON.parse(readFileSync(join(sources, 'counties-2025.json'), 'utf8')) as { id: string; name: string }[]).map((c) => [c.id, c.name]),
  );
  const list = JSON.parse(readFileSync(join(sources, 'municipalities-2025.json'), 'utf8')) as {
    id: string;
    name_no: string;
    adm_center: string;
    postal_codes: { code: string; place: string }[];
  }[];
  const byPostalCode = new Map<string, Municipality>();
  const byName = new Map<string, Municipality>();
  for (const m of list) {
    const base = { number: m.id, name: m.name_no, county: counties.get(m.id.slice(0, 2)) ?? '', centre: m.adm_center };
    byName.set(m.name_no.toUpperCase(), base);
    // The source stores postal codes without leading zeros.
    for (const p of m.postal_codes) {
      const code = p.code.padStart(4, '0');
      if (!byPostalCode.has(code)) byPostalCode.set(code, { ...base, place: p.place });
    }
  }
  return { byPostalCode, byName };
}

const normalise = (s: string) => s.toLowerCase().replace(/[\s\-–]+/g, ' ').trim();

/** "Kristiansand S" and "OSLO" both read "Kristiansand S" / "Oslo". */
function titleCase(s: string): string {
  const t = s.trim().replace(/\.$/, '');
  if (t !== t.toUpperCase()) return t;
  return t.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function website(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const host = raw.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return host ? `https://${host}` : undefined;
}

function main() {
  const curated = readCuration();
  const ministryByAbbr = new Map(readCsvObjects(join(sources, 'departementer.csv')).map((m) => [m.forkortelse!, m]));
  const etats = new Map<string, Record<string, string>>();
  for (const r of readCsvObjects(join(sources, 'etatsbasen-2014-state-units.csv'))) {
    // Some org numbers appear twice (a unit and its office); the first row is the unit itself.
    if (!etats.has(r.orgnr!)) etats.set(r.orgnr!, r);
  }
  const altinn = new Map(readCsvObjects(join(sources, 'altinn-orgs.csv')).map((r) => [r.orgnr!, r]));
  const register2021 = new Map(readCsvObjects(join(sources, 'offentlige-virksomheter-2021.csv')).map((r) => [r.orgNumber!, r]));
  const municipalities = readMunicipalities();

  const seen = new Set<string>();
  const records: AgencyRecord[] = curated.map((c) => {
    if (seen.has(c.orgnr)) throw new Error(`agency-curation.csv: ${c.orgnr} twice`);
    seen.add(c.orgnr);
    const e = etats.get(c.orgnr);
    const a = altinn.get(c.orgnr);
    const r = register2021.get(c.orgnr);
    const ministry = c.ministry ? ministryByAbbr.get(c.ministry) : undefined;
    if (c.ministry && !ministry) throw new Error(`agency-curation.csv: unknown ministry ${c.ministry} for ${c.orgnr}`);

    // Other languages only where the 2014 name is the same organisation under the same name.
    const sameName = e && normalise(e.name_nb!) === normalise(c.nameNb);
    const nn = sameName && e.name_nn && e.name_nn !== e.name_nb ? e.name_nn : undefined;
    const en = c.nameEn || (sameName ? e.name_en || undefined : undefined);

    // Location: the registered municipality (2021) wins over the 2014 address; 2014 gives postal code and city.
    const postal = (e?.visit_postalcode || e?.post_postalcode || '').trim();
    const city2014 = titleCase((e?.visit_postalcode ? e.visit_city : e?.post_city) || '');
    const fromPostal = postal ? municipalities.byPostalCode.get(postal) : undefined;
    const from2014 = fromPostal ?? municipalities.byName.get(city2014.toUpperCase());
    const fromRegister = r?.municipality ? municipalities.byName.get(r.municipality.toUpperCase()) : undefined;
    const curatedPlace = c.municipality || (c.kind === 'ministry' ? 'Oslo' : '');
    const fromCuration = curatedPlace ? municipalities.byName.get(curatedPlace.toUpperCase()) : undefined;
    const municipality = fromCuration ?? fromRegister ?? from2014;
    const addressAgrees = from2014 !== undefined && from2014.number === municipality?.number;
    // Svalbard is no municipality: there the 2014 city is all there is.
    const city = (addressAgrees ? city2014 || from2014.place : municipality?.centre) || city2014 || undefined;

    const found = [e && 'Etatsbasen 2014', r && 'Enhetsregisteret-uttrekk 2021', a && 'Altinn 2026', c.kind === 'ministry' && 'departementslisten'].filter(Boolean);
    const factSource: FactSource = found.length > 0 ? 'register' : 'illustrative';
    const provenance =
      found.length > 0
        ? `Org.nr. og navn fra ${found.join(', ')}; dagens navn og departement er kuratert.`
        : 'Org.nr. finnes ikke i kildefilene; satt etter offentlige kilder og kontrollert med MOD11, bør verifiseres mot Enhetsregisteret.';
    const employeesNote = c.employees === null ? undefined : 'Antall ansatte er illustrerende.';
    const orgForm =
      c.kind === 'ministry' ? 'STAT' : c.kind === 'municipality' ? 'KOMM' : c.kind === 'state_enterprise' ? 'SF' : c.kind === 'company' ? 'AS' : r?.orgForm || undefined;
    const regjeringen = c.kind === 'ministry' ? `https://www.regjeringen.no/no/dep/${c.shortName.toLowerCase()}/` : undefined;

    return compact<AgencyRecord>({
      orgnr: c.orgnr,
      kind: c.kind,
      name: compact({ nb: c.nameNb, nn, en }),
      shortName: c.shortName || undefined,
      parentOrgnr: c.parent || ministry?.orgnr || undefined,
      ministryOrgnr: ministry?.orgnr,
      employees: c.employees,
      employeesSource: c.employees === null ? undefined : 'illustrative',
      orgForm,
      sectorCode: c.kind === 'ministry' || c.kind === 'agency' ? '6100' : c.kind === 'municipality' ? '6500' : undefined,
      municipalityNumber: municipality?.number,
      municipalityName: municipality?.name,
      countyName: municipality?.county || undefined,
      postalCode: addressAgrees && postal ? postal : undefined,
      city,
      website: regjeringen ?? website(c.website || a?.homepage || r?.homepage || e?.homepage),
      deletedOn: c.deletedOn || undefined,
      factSource,
      sourceNote: [provenance, c.note, employeesNote].filter(Boolean).join(' '),
    });
  });

  const kindOrder = (k: OrganisationKind) => ORGANISATION_KINDS.indexOf(k);
  records.sort((x, y) => kindOrder(x.kind) - kindOrder(y.kind) || x.name.nb.localeCompare(y.name.nb, 'nb') || x.orgnr.localeCompare(y.orgnr));
  writeJsonLines(join(demoDataDir, 'agencies.json'), records);
  console.log(`agencies.json: ${records.length} organisations`);
}

main();
