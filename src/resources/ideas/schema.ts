import { Type } from 'typebox';
import { IDEA_KINDS, type IdeaKind } from '../../domain/collaboration.js';
import { IDEA_STATUSES, type IdeaStatus } from '../../domain/ideaStatus.js';
import { oneOf, parser, sized } from '../shared/fields.js';
import { text } from '../shared/input.js';
import { enumOf, Lang, nullable, OrgRef, Ref } from '../shared/schema.js';

export const IdeaIdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
export const VoteParams = Type.Object({ id: Type.String({ maxLength: 60 }), orgnr: Type.String({ maxLength: 20 }) });
export const IDEA_SORTS = ['votes', 'newest'] as const;

export const IdeaListQuery = Type.Object({
  status: Type.Optional(enumOf(IDEA_STATUSES)),
  kind: Type.Optional(enumOf(IDEA_KINDS)),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of a service.' })),
  provider: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the provider the ideas are addressed to.' })),
  sort: Type.Optional(enumOf(IDEA_SORTS, 'votes (default): most supported first; newest.')),
  lang: Lang,
});

export const IdeaSchema = Type.Object(
  {
    id: Type.String(),
    kind: enumOf(IDEA_KINDS, 'improvement of a service, or a new shared service or framework agreement.'),
    title: Type.String(),
    description: Type.String(),
    service: nullable(Ref),
    provider: nullable(Ref),
    area: nullable(Ref),
    agency: OrgRef,
    status: enumOf(IDEA_STATUSES),
    votes: Type.Integer({ description: 'Agencies supporting it (one vote per agency).' }),
    comments: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    statusChangedAt: Type.String({ format: 'date-time' }),
    url: Type.String(),
  },
  { $id: 'Idea' },
);

export const IdeaDetailSchema = Type.Object(
  {
    ...IdeaSchema.properties,
    voters: Type.Array(OrgRef),
    commentList: Type.Array(Type.Object({ author: Type.Object({ kind: enumOf(['agency', 'provider', 'dfo'] as const), name: Type.String() }), body: Type.String(), at: Type.String({ format: 'date-time' }) })),
    history: Type.Array(Type.Object({ from: nullable(enumOf(IDEA_STATUSES)), to: enumOf(IDEA_STATUSES), note: nullable(Type.String()), at: Type.String({ format: 'date-time' }), by: Type.String() })),
  },
  { $id: 'IdeaDetail' },
);

export const IdeaBody = Type.Object({
  agency: Type.String({ maxLength: 20, description: 'Organisation number of the proposing agency; you must be its editor.' }),
  kind: enumOf(IDEA_KINDS),
  title: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 4000 }),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'improvement: slug of the service (its provider answers).' })),
  provider: Type.Optional(Type.String({ maxLength: 120, description: 'new_service: slug of the provider you ask (otherwise DFØ).' })),
  area: Type.Optional(Type.String({ maxLength: 80, description: 'new_service: the service area.' })),
});

export const CommentBody = Type.Object({
  body: Type.String({ maxLength: 2000 }),
  agency: Type.Optional(Type.String({ maxLength: 20, description: 'Comment for this agency (you must be its editor).' })),
  provider: Type.Optional(Type.String({ maxLength: 120, description: 'Comment for this provider (you must be its editor).' })),
});

export const IdeaStatusBody = Type.Object({
  status: enumOf(IDEA_STATUSES),
  note: Type.Optional(Type.String({ maxLength: 2000, description: 'The answer to the agencies; required to decline.' })),
});

export interface IdeaInput {
  kind: IdeaKind;
  title: string;
  description: string;
  service: string | undefined;
  provider: string | undefined;
  area: string | undefined;
}

export const parseIdeaInput = parser('idea', (b, t, err): IdeaInput => {
  const kind = oneOf(b, 'kind', IDEA_KINDS, err, t.kind);
  const title = sized(b, 'title', 5, 200, err, t.title);
  const description = sized(b, 'description', 10, 4000, err, t.description);
  const service = text(b.service) || undefined;
  if (kind === 'improvement' && !service) err('service', t.service);
  return { kind, title, description, service: kind === 'improvement' ? service : undefined, provider: text(b.provider) || undefined, area: text(b.area) || undefined };
});

export const parseComment = parser('idea', (b, t, err) => sized(b, 'body', 2, 2000, err, t.comment));

export const parseIdeaStatus = parser('idea', (b, t, err): { status: IdeaStatus; note: string } => ({ status: oneOf(b, 'status', IDEA_STATUSES, err, t.status), note: sized(b, 'note', 0, 2000, err, t.note) }));
