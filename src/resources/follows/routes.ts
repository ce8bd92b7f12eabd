import { Type } from 'typebox';
import { FOLLOW_TARGETS, type FollowTarget } from '../../domain/notify.js';
import { eventText, eventUrl } from '../../mail/notify.js';
import type { App, AppDeps } from '../../server/types.js';
import { localizer } from '../shared/present.js';
import { problem } from '../shared/schema.js';
import { markRead, personOf, setFollow } from './commands.js';
import { listFollows, listNotifications, settingsOf } from './queries.js';

const session = [{ session: [] }];
const FollowTargetSchema = Type.Union(FOLLOW_TARGETS.map((t) => Type.Literal(t)));
const FollowBody = Type.Object({
  type: FollowTargetSchema,
  /** The service's, provider's, procurement's, network's or survey's id; the area's slug; '' for the catalogue. */
  id: Type.String({ maxLength: 120 }),
});
const Follow = Type.Object({ type: FollowTargetSchema, id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), url: Type.String(), since: Type.String({ format: 'date-time' }) });
const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  text: Type.String(),
  url: Type.String(),
  occurredAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

/** The signed-in person's follows and notifications: /api/v1/me/… */
export async function registerFollowApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const { publicUrl } = deps.config;
  const now = () => (deps.clock ?? (() => new Date()))();

  api.get(
    '/me/follows',
    {
      schema: {
        tags: ['notifications'],
        summary: 'What the signed-in person follows',
        description: 'Explicit follows, and the delivery chosen (immediate, daily, weekly or portal). Defaults (an agency editor follows the agency\'s procurements and surveys) are not listed.',
        security: session,
        response: {
          200: Type.Object({ items: Type.Array(Follow), delivery: Type.String(), language: Type.String() }),
          401: problem,
          403: problem,
        },
      },
    },
    async (req) => {
      const userId = personOf(req.principal, req.lang);
      const { text } = localizer(req.lang);
      const [items, settings] = await Promise.all([listFollows(db, userId), settingsOf(db, userId)]);
      return {
        items: items.map((f) => ({ type: f.type, id: f.id, name: f.name ? text(f.name) : null, url: `${publicUrl}${f.path}`, since: f.since.toISOString() })),
        ...settings,
      };
    },
  );

  // PUT follows, DELETE stops following (remembered, also for a default follow). Both idempotent, 204.
  for (const [method, follow, summary] of [
    ['PUT', true, 'Follow a service, provider, area, procurement, network, survey or the catalogue'],
    ['DELETE', false, 'Stop following (also what one follows by default; it is remembered)'],
  ] as const) {
    api.route({
      method,
      url: '/me/follows',
      schema: {
        tags: ['notifications'],
        summary,
        description: 'Idempotent. Answers 204; 404 when the target does not exist.',
        security: session,
        ...(follow ? { body: FollowBody } : { querystring: FollowBody }),
        response: { 204: Type.Null(), 400: problem, 401: problem, 403: problem, 404: problem },
      },
      handler: async (req, reply) => {
        const userId = personOf(req.principal, req.lang);
        const target = (follow ? req.body : req.query) as { type: FollowTarget; id: string };
        await setFollow(db, userId, target.type, target.id, follow, req.lang);
        return reply.code(204).send(null);
      },
    });
  }

  api.get(
    '/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first",
        security: session,
        querystring: Type.Object({ page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }), perPage: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
        response: {
          200: Type.Object({ items: Type.Array(Notification), total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), perPage: Type.Integer() }),
          400: problem,
          401: problem,
          403: problem,
        },
      },
    },
    async (req) => {
      const userId = personOf(req.principal, req.lang);
      const { page, perPage } = req.query;
      const r = await listNotifications(db, userId, page, perPage);
      return {
        items: r.items.map((n) => ({
          id: n.id,
          eventId: n.eventId,
          kind: n.kind,
          text: eventText(n, req.lang),
          url: eventUrl(n, req.lang, publicUrl),
          occurredAt: n.occurredAt.toISOString(),
          read: n.readAt !== null,
        })),
        total: r.total,
        unread: r.unread,
        page,
        perPage,
      };
    },
  );

  api.post(
    '/me/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications as read',
        description: 'The given ids (only the caller\'s own), or all when `ids` is left out. Answers the unread count after.',
        security: session,
        body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 500 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ unread: Type.Integer() }), 400: problem, 401: problem, 403: problem },
      },
    },
    async (req) => {
      const userId = personOf(req.principal, req.lang);
      await markRead(db, userId, req.body.ids, now());
      const r = await listNotifications(db, userId, 1, 1);
      return { unread: r.unread };
    },
  );
}
