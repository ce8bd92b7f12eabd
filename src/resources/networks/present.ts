import type { Language } from '../../domain/catalogue.js';
import { localizer, pageUrl } from '../shared/present.js';
import type { NetworkRow } from './queries.js';

/** A network as the API shows it, in one language. */
export function presentNetwork(n: NetworkRow, lang: Language, publicUrl: string) {
  const { text, ref, org } = localizer(lang);
  return {
    slug: n.slug,
    kind: n.kind,
    name: text(n.name),
    description: text(n.description),
    areas: n.areas.map(ref),
    county: n.countyName,
    municipality: n.municipalityNumber ? { number: n.municipalityNumber, name: n.municipalityName ?? '' } : null,
    meetingPlace: n.meetingPlace,
    facilitator: n.facilitator ? ref(n.facilitator) : null,
    ministry: n.ministry ? org(n.ministry) : null,
    contact: { name: n.contactName, email: n.contactEmail },
    service: n.service ? ref(n.service) : null,
    members: n.memberCount,
    factSource: n.factSource,
    url: pageUrl(publicUrl, lang, `/nettverk/${n.slug}`),
  };
}
