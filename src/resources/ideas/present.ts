import type { Language } from '../../domain/catalogue.js';
import { localizer, pageUrl } from '../shared/present.js';
import type { IdeaRow } from './queries.js';

/** An idea as the API shows it, in one language. */
export function presentIdea(i: IdeaRow, lang: Language, publicUrl: string) {
  const { ref, org } = localizer(lang);
  return {
    id: i.id,
    kind: i.kind,
    title: i.title,
    description: i.description,
    service: i.service ? ref(i.service) : null,
    provider: i.provider ? ref(i.provider) : null,
    area: i.area ? ref(i.area) : null,
    agency: org(i.agency),
    status: i.status,
    votes: i.votes,
    comments: i.comments,
    createdAt: i.createdAt.toISOString(),
    statusChangedAt: i.statusChangedAt.toISOString(),
    url: pageUrl(publicUrl, lang, `/ideer/${i.id}`),
  };
}
