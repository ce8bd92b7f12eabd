import type { Language } from '../../domain/catalogue.js';
import { groupInOrder, localizer, pageUrl } from '../shared/present.js';
import type { getAreaDetail } from './queries.js';

/** One service area (`AreaDetail`): its services by delivery model, its providers and where to find them. */
export function presentAreaDetail(d: NonNullable<Awaited<ReturnType<typeof getAreaDetail>>>, lang: Language, publicUrl: string) {
  const { text, ref } = localizer(lang);
  const a = d.area;
  return {
    slug: a.slug,
    name: text(a.name),
    description: text(a.description),
    serviceCount: d.services.length,
    gapArea: a.gapArea,
    url: pageUrl(publicUrl, lang, `/omrader/${a.slug}`),
    servicesByModel: groupInOrder(d.services, (s) => s.model, (s) => s.model).map((g) => ({
      model: g.head,
      services: g.items.map((s) => ({ slug: s.slug, name: text(s.name), status: s.status, kind: s.kind, provider: ref(s.provider) })),
    })),
    providers: d.providers.map((p) => ({ slug: p.slug, name: text(p.name), shortName: p.shortName, serviceCount: p.serviceCount })),
    catalogueUrl: pageUrl(publicUrl, lang, `/tjenester?area=${encodeURIComponent(a.slug)}`),
  };
}
