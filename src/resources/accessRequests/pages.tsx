import { Button, Paragraph, Tag } from '@digdir/designsystemet-react';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import type { Executor } from '../../db/database.js';
import { agencies, providers, services, subscriptions } from '../../db/schema/index.js';
import type { AccessRequestState } from '../../domain/accessRequest.js';
import { type LocalizedText } from '../../domain/catalogue.js';
import { eligibilityOf } from '../../domain/eligibility.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { SelectField, TextAreaField } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { formBody, Notice, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { prefix } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { askForAccess } from './commands.js';
import { accessRequestStates } from './queries.js';
import { ServiceLink } from '../../web/components/links.js';

export interface AskableService {
  slug: string;
  name: LocalizedText;
  provider: LocalizedText;
  model: string;
  state: AccessRequestState | null;
}

/** Sector and group services the agency is outside the target group of and does not use: it may ask for access. */
export async function askableServices(db: Executor, orgnr: string): Promise<AskableService[]> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!agency || agency.deletedOn) return [];
  const [list, inUse, states] = await Promise.all([
    db
      .select({ id: services.id, slug: services.slug, name: services.name, provider: providers.name, model: services.model, targetGroup: services.targetGroup, targetMinistryOrgnr: services.targetMinistryOrgnr })
      .from(services)
      .innerJoin(providers, eq(providers.id, services.providerId))
      .where(and(inArray(services.model, ['sector', 'group']), inArray(services.status, ['active', 'pilot'])))
      .orderBy(asc(services.slug)),
    db.select({ id: subscriptions.serviceId }).from(subscriptions).where(and(eq(subscriptions.agencyOrgnr, orgnr), isNull(subscriptions.endedOn))),
    accessRequestStates(db, orgnr),
  ]);
  const used = new Set(inUse.map((x) => x.id));
  return list
    .filter((s) => !used.has(s.id) && eligibilityOf(agency, s) !== 'yes')
    .map((s) => ({ slug: s.slug, name: s.name, provider: s.provider, model: s.model, state: (states.get(s.slug) as AccessRequestState | undefined) ?? null }));
}

/**
 * The "ask for access" part of an agency's "what can we use?" page: the sector and group services outside its
 * target group (folded away: there can be many), what it has asked, and for its editors one form to ask.
 */
export function AskForAccessSection({ orgnr, items, canAsk, sent }: { orgnr: string; items: AskableService[]; canAsk: boolean; sent: boolean }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const a = t.accessRequest;
  if (items.length === 0) return <Paragraph>{a.none}</Paragraph>;
  const asked = items.filter((s) => s.state);
  return (
    <>
      <Notice text={sent ? a.sent : undefined} />
      <Paragraph>{a.sectionLead}</Paragraph>
      {asked.length ? (
        <ul className="link-list">
          {asked.map((s) => (
            <ServiceItem key={s.slug} s={s} tag={a.state[s.state!]} color={s.state === 'granted' ? 'success' : s.state === 'declined' ? 'danger' : 'info'} />
          ))}
        </ul>
      ) : null}
      <details className="recommendation-more">
        <summary>{`${a.sectionTitle} (${items.length})`}</summary>
        <ul className="link-list">
          {items.map((s) => (
            <ServiceItem key={s.slug} s={s} tag={s.state ? a.state[s.state] : a.ask} color="neutral" withProvider />
          ))}
        </ul>
      </details>
      {canAsk ? (
        <PostForm action={href(`/virksomheter/${orgnr}/hva-kan-vi-bruke/tilgang`)}>
          <SelectField id="access-service" name="service" label={a.title} options={items.filter((s) => s.state !== 'pending' && s.state !== 'waiting_list').map((s) => ({ value: s.slug, label: `${text(s.name)} – ${text(s.provider)}` }))} />
          <TextAreaField id="access-need" name="need" label={a.need} description={a.needHelp} maxLength={2000} rows={3} />
          <Button type="submit" variant="secondary">
            {a.ask}
          </Button>
        </PostForm>
      ) : null}
    </>
  );
}

/** One service in the lists: its link, optionally its provider, and a tag (its state, or "ask for access"). */
function ServiceItem({ s, tag, color, withProvider }: { s: AskableService; tag: string; color: 'success' | 'danger' | 'info' | 'neutral'; withProvider?: boolean }) {
  return (
    <li>
      <ServiceLink service={s} />{' '}
      {withProvider ? (
        <>
          <span className="muted">
            <Text value={s.provider} />
          </span>{' '}
        </>
      ) : null}
      <Tag data-size="sm" data-color={color}>
        {tag}
      </Tag>
    </li>
  );
}

/** The form post of "ask for access" (works without JavaScript): ask, then back to the page with a notice. */
export async function registerAccessRequestPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  app.post(
    '/virksomheter/:orgnr/hva-kan-vi-bruke/tilgang',
    { schema: { hide: true, params: Type.Object({ orgnr: Type.String({ maxLength: 40 }) }), body: formBody({ maxLength: 5000 }) } },
    async (req, reply) => {
      requirePrincipal(req);
      const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
      const body = req.body as Record<string, string>;
      if (!body.service) throw new HttpProblem(400, messages[req.lang].accessRequest.errors.chooseService);
      await askForAccess(db, actorOf(req, deps), body.service, { agency: orgnr, need: body.need ?? '' }, req.lang);
      return reply.redirect(`${prefix(req)}/virksomheter/${orgnr}/hva-kan-vi-bruke?tilgang=sendt#ask-for-access`, 303);
    },
  );
}
