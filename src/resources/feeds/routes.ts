import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { queryRows } from '../../db/database.js';
import { dataVersions } from '../../db/readCache.js';
import { type LocalizedText, pickText } from '../../domain/catalogue.js';
import type { App, AppDeps } from '../../server/types.js';
import { atomFeed, type CalendarEvent, icsCalendar } from '../../web/feeds.js';
import { languagePrefix, messages } from '../../web/i18n/index.js';
import { sendErrorPage } from '../../web/render.js';

const MAX_ENTRIES = 100;
/** Rendered feeds by data version and URL: a new version makes a new key, old ones fall out. */
const cache = new Map<string, string>();

/**
 * Public feeds (issue 13): Atom for new and changed services (all, per area, per provider) and for procurements;
 * iCalendar for procurement milestones and deadlines (all, or one procurement). Cached per data version, with an
 * ETag, so a feed reader polling every few minutes costs one version lookup.
 */
export async function registerFeedPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const base = deps.config.publicUrl;

  async function cachedFeed(req: { url: string; headers: Record<string, unknown> }, reply: import('fastify').FastifyReply, domains: ('catalogue' | 'procurements')[], type: string, build: () => Promise<string | undefined>) {
    const version = (await dataVersions(db, domains)).join('.');
    const key = `${version}|${req.url}`;
    const etag = `W/"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    let body = cache.get(key);
    if (body === undefined) {
      body = await build();
      if (body === undefined) return undefined;
      if (cache.size > 500) cache.clear();
      cache.set(key, body);
    }
    return reply.type(type).send(body);
  }

  const ServiceFeedQuery = Type.Object({ omrade: Type.Optional(Type.String({ maxLength: 80 })), leverandor: Type.Optional(Type.String({ maxLength: 80 })) });
  app.get('/feeds/tjenester.atom', { schema: { hide: true, querystring: ServiceFeedQuery } }, async (req, reply) => {
    const t = messages[req.lang];
    const { omrade, leverandor } = req.query;
    const sent = await cachedFeed(req, reply, ['catalogue'], 'application/atom+xml; charset=utf-8', async () => {
      let title = t.notify.feeds.services;
      if (omrade) {
        const [a] = await queryRows<{ name: LocalizedText }>(db, sql`select name from areas where slug = ${omrade}`);
        if (!a) return undefined;
        title = t.notify.feeds.servicesIn(pickText(a.name, req.lang).text);
      }
      if (leverandor) {
        const [p] = await queryRows<{ name: LocalizedText }>(db, sql`select name from providers where slug = ${leverandor}`);
        if (!p) return undefined;
        title = t.notify.feeds.servicesBy(pickText(p.name, req.lang).text);
      }
      const rows = await queryRows<{ id: string; slug: string; name: LocalizedText; summary: LocalizedText; updated_at: Date; version: number }>(
        db,
        sql`select s.id, s.slug, s.name, s.summary, s.updated_at, s.version from services s join providers p on p.id = s.provider_id
            where s.retired_at is null ${omrade ? sql`and s.area_slug = ${omrade}` : sql``} ${leverandor ? sql`and p.slug = ${leverandor}` : sql``}
            order by s.updated_at desc, s.slug limit ${MAX_ENTRIES}`,
      );
      const prefix = `${base}${languagePrefix(req.lang)}`;
      return atomFeed({
        id: `${base}/feeds/tjenester.atom${omrade ? `?omrade=${omrade}` : leverandor ? `?leverandor=${leverandor}` : ''}`,
        title,
        self: `${base}${req.url}`,
        alternate: `${prefix}/tjenester`,
        lang: req.lang,
        updated: rows[0] ? new Date(rows[0].updated_at) : new Date(0),
        entries: rows.map((r) => ({
          id: `${base}/tjenester/${r.id}#v${r.version}`,
          title: pickText(r.name, req.lang).text,
          updated: new Date(r.updated_at),
          link: `${prefix}/tjenester/${r.slug}`,
          summary: pickText(r.summary, req.lang).text,
        })),
      });
    });
    return sent ?? sendErrorPage(req, reply, 404, t.api.noSuchResource(req.url));
  });

  app.get('/feeds/anskaffelser.atom', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    const t = messages[req.lang];
    return cachedFeed(req, reply, ['procurements', 'catalogue'], 'application/atom+xml; charset=utf-8', async () => {
      const rows = await queryRows<{ id: string; title: LocalizedText; status: string; updated_at: Date; provider: LocalizedText }>(
        db,
        sql`select pc.id, pc.title, pc.status, pc.updated_at, p.name as provider from procurements pc join providers p on p.id = pc.provider_id order by pc.updated_at desc limit ${MAX_ENTRIES}`,
      );
      const prefix = `${base}${languagePrefix(req.lang)}`;
      return atomFeed({
        id: `${base}/feeds/anskaffelser.atom`,
        title: t.notify.feeds.procurements,
        self: `${base}${req.url}`,
        alternate: `${prefix}/anskaffelser`,
        lang: req.lang,
        updated: rows[0] ? new Date(rows[0].updated_at) : new Date(0),
        entries: rows.map((r) => ({
          id: `${base}/anskaffelser/${r.id}#${r.status}`,
          title: `${pickText(r.title, req.lang).text} – ${t.terms.procurementState[r.status as keyof typeof t.terms.procurementState]}`,
          updated: new Date(r.updated_at),
          link: `${prefix}/anskaffelser/${r.id}`,
          summary: pickText(r.provider, req.lang).text,
        })),
      });
    });
  });

  async function calendar(lang: 'nb' | 'nn' | 'en', id: string | undefined): Promise<string | undefined> {
    const t = messages[lang];
    const rows = await queryRows<{ id: string; title: LocalizedText; opens: Date | null; deadline: Date | null; planned: string | null; updated_at: Date }>(
      db,
      sql`select id, title, consultation_opens_at as opens, consultation_deadline as deadline, planned_announcement_on::text as planned, updated_at
          from procurements where status <> 'cancelled' ${id ? sql`and id::text = ${id}` : sql``} order by coalesce(consultation_deadline, now())`,
    );
    if (id && rows.length === 0) return undefined;
    const events: CalendarEvent[] = [];
    for (const r of rows) {
      const title = pickText(r.title, lang).text;
      const url = `${base}${languagePrefix(lang)}/anskaffelser/${r.id}`;
      const stamp = new Date(r.updated_at);
      if (r.deadline) events.push({ uid: `${r.id}-deadline@fellestjenester`, summary: t.notify.feeds.deadline(title), description: url, url, start: new Date(r.deadline), stamp });
      if (r.opens) events.push({ uid: `${r.id}-opens@fellestjenester`, summary: t.notify.feeds.opens(title), description: url, url, start: new Date(r.opens), stamp });
      if (r.planned && /^\d{4}-\d{2}-\d{2}$/.test(r.planned)) events.push({ uid: `${r.id}-announcement@fellestjenester`, summary: t.notify.feeds.announcement(title), description: url, url, start: r.planned, stamp });
    }
    return icsCalendar({ name: t.notify.feeds.calendar, events });
  }

  app.get('/feeds/anskaffelser.ics', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) =>
    cachedFeed(req, reply, ['procurements'], 'text/calendar; charset=utf-8', () => calendar(req.lang, undefined)),
  );
  app.get('/feeds/anskaffelser/:id.ics', { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 40 }) }), querystring: Type.Object({}) } }, async (req, reply) => {
    const sent = await cachedFeed(req, reply, ['procurements'], 'text/calendar; charset=utf-8', () => calendar(req.lang, req.params.id));
    return sent ?? sendErrorPage(req, reply, 404, messages[req.lang].api.noSuchResource(req.url));
  });
}
