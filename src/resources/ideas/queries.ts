import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { agencies, areas, ideaComments, ideas, ideaStatusEvents, ideaVotes, providers, services } from '../../db/schema/index.js';
import type { IdeaKind } from '../../domain/collaboration.js';
import type { IdeaStatus } from '../../domain/ideaStatus.js';

export interface IdeaFilter {
  ids?: string[] | undefined;
  status?: IdeaStatus | undefined;
  kind?: IdeaKind | undefined;
  service?: string | undefined;
  provider?: string | undefined;
  /** Ideas proposed by, or voted for by, these agencies. */
  agencies?: string[] | undefined;
  sort?: 'votes' | 'newest' | undefined;
}

const voteCount = sql<number>`(select count(*)::int from ${ideaVotes} v where v.idea_id = ${ideas.id})`;
const commentCount = sql<number>`(select count(*)::int from ${ideaComments} c where c.idea_id = ${ideas.id})`;

/** Ideas with what lists show, most votes first (or newest). */
export async function listIdeas(db: Executor, f: IdeaFilter = {}) {
  const conditions: (SQL | undefined)[] = [
    f.ids ? (f.ids.length ? inArray(ideas.id, f.ids) : sql`false`) : undefined,
    f.status ? eq(ideas.status, f.status) : undefined,
    f.kind ? eq(ideas.kind, f.kind) : undefined,
    f.service ? eq(services.slug, f.service) : undefined,
    f.provider ? eq(providers.slug, f.provider) : undefined,
    f.agencies
      ? f.agencies.length
        ? sql`(${inArray(ideas.agencyOrgnr, f.agencies)} or ${ideas.id} in (select idea_id from ${ideaVotes} where ${inArray(ideaVotes.agencyOrgnr, f.agencies)}))`
        : sql`false`
      : undefined,
  ];
  const rows = await db
    .select({
      idea: ideas,
      service: { slug: services.slug, name: services.name },
      provider: { id: providers.id, slug: providers.slug, name: providers.name },
      area: { slug: areas.slug, name: areas.name },
      agency: { orgnr: agencies.orgnr, name: agencies.name },
      votes: voteCount,
      comments: commentCount,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.orgnr, ideas.agencyOrgnr))
    .leftJoin(services, eq(services.id, ideas.serviceId))
    .leftJoin(providers, eq(providers.id, ideas.providerId))
    .leftJoin(areas, eq(areas.slug, ideas.areaSlug))
    .where(and(...conditions))
    .orderBy(...(f.sort === 'newest' ? [desc(ideas.createdAt)] : [desc(voteCount), desc(ideas.createdAt)]), asc(ideas.id));
  return rows.map((r) => ({
    ...r.idea,
    service: r.service?.slug ? r.service : null,
    provider: r.provider?.id ? r.provider : null,
    area: r.area?.slug ? r.area : null,
    agency: r.agency,
    votes: r.votes,
    comments: r.comments,
  }));
}

export type IdeaRow = Awaited<ReturnType<typeof listIdeas>>[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One idea with its voters, comments (signed by organisation) and status history. */
export async function getIdea(db: Executor, id: string) {
  if (!UUID.test(id)) return undefined;
  const [idea] = await listIdeas(db, { ids: [id] });
  if (!idea) return undefined;
  const [voters, comments, history] = await Promise.all([
    db.select({ orgnr: agencies.orgnr, name: agencies.name, at: ideaVotes.votedAt }).from(ideaVotes).innerJoin(agencies, eq(agencies.orgnr, ideaVotes.agencyOrgnr)).where(eq(ideaVotes.ideaId, id)).orderBy(asc(ideaVotes.votedAt)),
    db
      .select({ id: ideaComments.id, body: ideaComments.body, at: ideaComments.createdAt, agency: { orgnr: agencies.orgnr, name: agencies.name }, provider: { slug: providers.slug, name: providers.name } })
      .from(ideaComments)
      .leftJoin(agencies, eq(agencies.orgnr, ideaComments.agencyOrgnr))
      .leftJoin(providers, eq(providers.id, ideaComments.providerId))
      .where(eq(ideaComments.ideaId, id))
      .orderBy(asc(ideaComments.createdAt), asc(ideaComments.id)),
    db.select().from(ideaStatusEvents).where(eq(ideaStatusEvents.ideaId, id)).orderBy(asc(ideaStatusEvents.at), asc(ideaStatusEvents.id)),
  ]);
  return {
    ...idea,
    voters,
    commentList: comments.map((c) => ({ id: c.id, body: c.body, at: c.at, agency: c.agency?.orgnr ? c.agency : null, provider: c.provider?.slug ? c.provider : null })),
    history,
  };
}

export type IdeaDetail = NonNullable<Awaited<ReturnType<typeof getIdea>>>;

/** What the new-idea form chooses from: services (with their area, in the areas' order), providers, areas. */
export async function ideaFormOptions(db: Executor) {
  const [serviceRows, providerRows, areaRows] = await Promise.all([
    db.select({ slug: services.slug, name: services.name, area: areas.name, sortOrder: areas.sortOrder }).from(services).innerJoin(areas, eq(areas.slug, services.areaSlug)).orderBy(asc(areas.sortOrder), asc(services.slug)),
    db.select({ slug: providers.slug, name: providers.name }).from(providers).orderBy(asc(providers.slug)),
    db.select({ slug: areas.slug, name: areas.name }).from(areas).orderBy(asc(areas.sortOrder)),
  ]);
  return { services: serviceRows, providers: providerRows, areas: areaRows };
}
