import type { Language } from '../../domain/catalogue.js';
import { presentRegisterEntry } from '../shared/organisation.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import type { getProviderDetail, ProviderSummary } from './queries.js';

/** The fields a provider has both in the list (`ProviderListItem`) and on its own (`ProviderDetail`). */
export function presentProvider(p: Omit<ProviderSummary, 'description'>, lang: Language, publicUrl: string) {
  return {
    slug: p.slug,
    ...presentRegisterEntry(p, lang),
    model: p.model,
    parent: p.parent ? localizer(lang).ref(p.parent) : null,
    serviceCount: p.serviceCount,
    url: pageUrl(publicUrl, lang, `/leverandorer/${p.slug}`),
  };
}

/** One provider (`ProviderDetail`): the list fields, its organisation, units and services by area. */
export function presentProviderDetail(d: NonNullable<Awaited<ReturnType<typeof getProviderDetail>>>, lang: Language, publicUrl: string) {
  const { text, ref, org } = localizer(lang);
  const p = d.provider;
  return {
    ...presentProvider({ ...p, ministry: d.ministry, parent: d.parent, serviceCount: d.services.length }, lang, publicUrl),
    description: text(p.description),
    organisation: d.organisation ? org(d.organisation) : null,
    website: p.website,
    contact: p.contact,
    units: d.units.map(ref),
    servicesByArea: groupInOrder(d.services, (s) => s.area.slug, (s) => s.area).map((g) => ({
      area: ref(g.head),
      services: g.items.map((s) => ({ slug: s.slug, name: text(s.name), status: s.status, kind: s.kind })),
    })),
    factSource: p.factSource,
    sourceRef: p.sourceRef,
  };
}
