import { Button, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { signingSecret } from '../../auth/secret.js';
import { failedJobs, retryJob } from '../../db/jobs.js';
import { isAdmin } from '../../domain/principal.js';
import { HttpProblem } from '../../server/problem.js';
import { sameOriginPath } from '../../auth/returnTo.js';
import { isLanguage, LANGUAGES } from '../../domain/catalogue.js';
import { DELIVERIES, type Delivery, isDelivery, isFollowTarget } from '../../domain/notify.js';
import { eventText, unsubscribe, userOfUnsubscribeToken } from '../../mail/notify.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, ChoiceField, PageHeader } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { FormBody, PostButton, PostForm } from '../../web/forms.js';
import { languagePrefix, messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { markRead, personOf, setDelivery, setFollow } from './commands.js';
import { type FollowRow, listFollows, listNotifications, type NotificationRow, settingsOf } from './queries.js';
import { PlainTable } from '../../web/components/plainTable.js';
import { TitledPage } from '../../web/components/titledPage.js';

const PER_PAGE = 20;

/** /min-side/varsler, the Følg form's target, and the one-click unsubscribe page (no sign-in). */
export async function registerFollowPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const now = () => (deps.clock ?? (() => new Date()))();
  let secret: string | undefined;
  const getSecret = async () => (secret ??= await signingSecret(db, deps.config.sessionSecret));

  app.get('/min-side/varsler', { schema: { hide: true, querystring: Type.Object({ side: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), ok: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (req, reply) => {
    const userId = personOf(req.principal, req.lang);
    const page = req.query.side ?? 1;
    const [list, follows, settings] = await Promise.all([listNotifications(db, userId, page, PER_PAGE), listFollows(db, userId), settingsOf(db, userId)]);
    return sendPage(req, reply, <NotificationsPage list={list} page={page} follows={follows} settings={settings} ok={req.query.ok} />);
  });

  app.post('/min-side/varsler/innstillinger', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const userId = personOf(req.principal, req.lang);
    const body = req.body as Record<string, string>;
    const delivery = isDelivery(body.delivery) ? body.delivery : 'immediate';
    const language = isLanguage(body.language) ? body.language : req.lang;
    await setDelivery(db, userId, delivery, language);
    return reply.redirect(`${languagePrefix(req.lang)}/min-side/varsler?ok=saved`, 303);
  });

  app.post('/min-side/varsler/lest', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const userId = personOf(req.principal, req.lang);
    await markRead(db, userId, undefined, now());
    return reply.redirect(`${languagePrefix(req.lang)}/min-side/varsler?ok=read`, 303);
  });

  app.post('/folg', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const userId = personOf(req.principal, req.lang);
    const body = req.body as Record<string, string>;
    const type = body.type;
    if (!isFollowTarget(type)) return reply.code(400).send(messages[req.lang].api.noSuchResource(String(type)));
    const follow = body.follow !== 'no';
    await setFollow(db, userId, type, String(body.id ?? ''), follow, req.lang);
    const back = sameOriginPath(body.returnTo, deps.config.publicUrl) ?? `${languagePrefix(req.lang)}/min-side/varsler`;
    return reply.redirect(`${back.split('?')[0]}?ok=${follow ? 'followed' : 'unfollowed'}`, 303);
  });

  // Jobs that failed for good: DFØ (administrators) sees them and may give one another round.
  app.get('/admin/jobber', { schema: { hide: true, querystring: Type.Object({}) } }, async (req, reply) => {
    if (!isAdmin(requirePrincipal(req))) throw new HttpProblem(403, messages[req.lang].access.forbidden);
    return sendPage(req, reply, <FailedJobsPage rows={await failedJobs(db)} />);
  });
  app.post('/admin/jobber/:id/igjen', { schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: FormBody } }, async (req, reply) => {
    if (!isAdmin(requirePrincipal(req))) throw new HttpProblem(403, messages[req.lang].access.forbidden);
    await retryJob(db, req.params.id, now());
    deps.jobs?.kick();
    return reply.redirect(`${languagePrefix(req.lang)}/admin/jobber`, 303);
  });

  // RFC 8058: the mail's List-Unsubscribe URL. GET shows a button (link scanners must not unsubscribe anyone);
  // POST (the mail client's one click, or the button) unsubscribes. The token is signed: no sign-in, no forging.
  const TokenQuery = Type.Object({ token: Type.String({ maxLength: 300 }) });
  app.get('/varsler/avmeld', { schema: { hide: true, querystring: TokenQuery } }, async (req, reply) => {
    const userId = userOfUnsubscribeToken(req.query.token, await getSecret());
    return sendPage(req, reply, <UnsubscribePage token={userId ? req.query.token : undefined} done={false} />, userId ? 200 : 400);
  });
  app.post('/varsler/avmeld', { schema: { hide: true, querystring: TokenQuery, body: Type.Optional(FormBody) } }, async (req, reply) => {
    const userId = userOfUnsubscribeToken(req.query.token, await getSecret());
    if (!userId) return sendPage(req, reply, <UnsubscribePage token={undefined} done={false} />, 400);
    await unsubscribe(db, userId);
    return sendPage(req, reply, <UnsubscribePage token={req.query.token} done />);
  });
}

function NotificationsPage({ list, page, follows, settings, ok }: { list: { items: NotificationRow[]; total: number; unread: number }; page: number; follows: FollowRow[]; settings: { delivery: Delivery; language: string }; ok: string | undefined }) {
  const { t, lang, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  const okText = ok === 'saved' ? t.notify.saved : ok === 'read' ? t.notify.markedRead : undefined;
  return (
    <Layout title={t.notify.title} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: t.notify.title }]} />
      <PageHeader title={t.notify.title} lead={t.notify.lead} />
      {okText ? (
        <Paragraph role="status" className="notice">
          {okText}
        </Paragraph>
      ) : null}
      <section aria-labelledby="notifications-heading">
        <Heading level={2} data-size="sm" id="notifications-heading">
          {t.notify.listTitle} ({list.unread > 0 ? t.notify.unreadInHeader(list.unread) : list.total})
        </Heading>
        {list.items.length === 0 ? <Paragraph>{t.notify.none}</Paragraph> : null}
        <ul className="notification-list">
          {list.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification notification--unread'}>
              {n.readAt ? null : (
                <Tag data-size="sm" data-color="accent">
                  {t.notify.unread}
                </Tag>
              )}{' '}
              <Link href={href(typeof n.params.path === 'string' ? n.params.path : '/min-side/varsler')}>{eventText(n, lang)}</Link>{' '}
              <span className="muted">{fmt.dateTime(n.occurredAt)}</span>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav aria-label={t.notify.page(page, pages)}>
            {page > 1 ? <Link href={href(`/min-side/varsler?side=${page - 1}`)}>{t.notify.previous}</Link> : null} {t.notify.page(page, pages)}{' '}
            {page < pages ? <Link href={href(`/min-side/varsler?side=${page + 1}`)}>{t.notify.next}</Link> : null}
          </nav>
        ) : null}
        {list.unread > 0 ? <PostButton action={href('/min-side/varsler/lest')} label={t.notify.markRead} /> : null}
      </section>
      <section aria-labelledby="delivery-heading">
        <Heading level={2} data-size="sm" id="delivery-heading">
          {t.notify.deliveryTitle}
        </Heading>
        <PostForm action={href('/min-side/varsler/innstillinger')}>
          <ChoiceField id="f-delivery" name="delivery" legend={t.notify.deliveryLegend} value={settings.delivery} options={DELIVERIES.map((d) => ({ value: d, label: t.notify.delivery[d] }))} />
          <ChoiceField id="f-language" name="language" legend={t.notify.languageLegend} value={settings.language} options={LANGUAGES.map((l) => ({ value: l, label: messages[l].languageName }))} />
          <div>
            <Button type="submit">{t.notify.save}</Button>
          </div>
        </PostForm>
      </section>
      <section aria-labelledby="follows-heading">
        <Heading level={2} data-size="sm" id="follows-heading">
          {t.notify.followsTitle}
        </Heading>
        {follows.length === 0 ? <Paragraph>{t.notify.followsNone}</Paragraph> : null}
        <ul className="follow-list">
          {follows.map((f) => (
            <li key={`${f.type}:${f.id}`}>
              {t.notify.targetType[f.type]}: <Link href={href(f.path)}>{f.type === 'catalogue' ? t.notify.catalogueFollow : text(f.name)}</Link>{' '}
              <PostButton action={href('/folg')} label={t.notify.unfollow} variant="tertiary" hidden={{ type: f.type, id: f.id, follow: 'no', returnTo: href('/min-side/varsler') }} />
            </li>
          ))}
        </ul>
        {follows.some((f) => f.type === 'catalogue') ? null : (
          <PostButton action={href('/folg')} label={t.notify.followCatalogue} hidden={{ type: 'catalogue', id: '', follow: 'yes', returnTo: href('/min-side/varsler') }} />
        )}
      </section>
    </Layout>
  );
}

function FailedJobsPage({ rows }: { rows: Awaited<ReturnType<typeof failedJobs>> }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const j = t.notify.jobs;
  return (
    <TitledPage title={j.title} lead={j.lead} section="other">
      {rows.length === 0 ? (
        <Paragraph>{j.none}</Paragraph>
      ) : (
        <PlainTable columns={[j.kind, j.key, j.attempts, j.error, j.failedAt, null]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.kind}</td>
              <td>{r.key}</td>
              <td>{r.attempts}</td>
              <td>{r.last_error}</td>
              <td>{fmt.dateTime(new Date(r.failed_at))}</td>
              <td>
                <PostButton action={href(`/admin/jobber/${r.id}/igjen`)} label={j.retry} />
              </td>
            </tr>
          ))}
        </PlainTable>
      )}
    </TitledPage>
  );
}

function UnsubscribePage({ token, done }: { token: string | undefined; done: boolean }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <Layout title={t.notify.unsubscribe.title} section="other">
      <PageHeader title={t.notify.unsubscribe.title} />
      {!token ? (
        <Paragraph role="alert">{t.notify.unsubscribe.invalid}</Paragraph>
      ) : done ? (
        <Paragraph role="status">{t.notify.unsubscribe.done}</Paragraph>
      ) : (
        <PostForm action={`${href('/varsler/avmeld')}?token=${encodeURIComponent(token)}`}>
          <Paragraph>{t.notify.unsubscribe.confirm}</Paragraph>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <div>
            <Button type="submit">{t.notify.unsubscribe.button}</Button>
          </div>
        </PostForm>
      )}
    </Layout>
  );
}
