import type { Language } from '../../domain/catalogue.js';
import { sizeClassRange, type SizeThresholds } from '../../domain/sizeClass.js';
import { presentRegisterEntry } from '../shared/organisation.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import type { AgencyDetail, AgencyListRow } from './queries.js';

/**
 * An agency as the API shows it (`AgencyListItem`, `AgencyDetail`). Every field is register data (Enhetsregisteret,
 * the state's agency list, the usage register), the same for every reader: no role sees more of an agency. What a
 * role adds — its own usage register, its declarations — has its own presenters (declarations/present.ts).
 */
export function presentAgency(a: AgencyListRow, lang: Language, publicUrl: string) {
  return {
    orgnr: a.orgnr,
    ...presentRegisterEntry(a, lang),
    kind: a.kind,
    employees: a.employees,
    sizeClass: a.sizeClass,
    deletedOn: a.deletedOn,
    url: pageUrl(publicUrl, lang, `/virksomheter/${a.orgnr}`),
  };
}

/** One agency: the list fields, where it sits and the shared services it uses (by area), and a ministry's agencies. */
export function presentAgencyDetail(d: AgencyDetail, lang: Language, publicUrl: string, thresholds: SizeThresholds) {
  const { text, ref, org } = localizer(lang);
  const a = d.agency;
  return {
    ...presentAgency({ ...a, ministry: d.ministry, sizeClass: d.sizeClass }, lang, publicUrl),
    parent: d.parent ? org(d.parent) : null,
    employeesAsOf: a.employeesAsOf,
    sizeRange: d.sizeClass === 'unknown' ? null : sizeClassRange(d.sizeClass, thresholds),
    location: { municipalityNumber: a.municipalityNumber, municipality: a.municipalityName, county: a.countyName, postalCode: a.postalCode, city: a.city },
    website: a.website,
    factSource: a.factSource,
    services: groupInOrder(d.uses, (u) => u.area.slug, (u) => u.area).map((g) => ({
      area: ref(g.head),
      services: g.items.map((u) => ({ slug: u.slug, name: text(u.name), provider: ref(u.provider), tier: u.tier ? ref(u.tier) : null, since: u.since })),
    })),
    subordinates: d.subordinates.map((s) => ({ orgnr: s.orgnr, name: text(s.name), kind: s.kind, sizeClass: s.sizeClass })),
  };
}
