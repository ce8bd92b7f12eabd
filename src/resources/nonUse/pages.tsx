import { Button, Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { type LocalizedText, pickText } from '../../domain/catalogue.js';
import { FOLLOW_UP_STATES } from '../../domain/procurementLifecycle.js';
import { answerLabel, type QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, OrgLink, PageHeader, SelectField, TextField } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { formBody, Notice, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { providerBySlug } from '../shared/queries.js';
import { setNonUseFollowUp } from './commands.js';
import { mayFollowUpNonUse } from './policy.js';
import { listNonUse, type NonUseRow } from './queries.js';
import { ServiceLink } from '../../web/components/links.js';
import { RowTable } from '../../web/components/rowTable.js';

const Params = Type.Object({ slug: Type.String({ maxLength: 120 }) });

/** The provider's follow-up list of agencies that do not use its services (issue 17, item 1), with a form per row. */
export async function registerNonUsePages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  const load = async (req: { lang: keyof typeof messages; principal?: unknown }, slug: string) => {
    const t = messages[req.lang];
    const p = await providerBySlug(db, slug);
    if (!p) throw new HttpProblem(404, t.errors.unknownProvider(slug));
    return p;
  };
  app.get('/min-side/leverandor/:slug/ikke-bruk', { schema: { hide: true, params: Params, querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 30 })) }) } }, async (req, reply) => {
    const principal = requirePrincipal(req);
    const p = await load(req, req.params.slug);
    if (!mayFollowUpNonUse(principal, p.id)) throw new HttpProblem(403, messages[req.lang].access.notYourProvider);
    const [rows, q] = await Promise.all([listNonUse(db, { providerId: p.id }), currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out)]);
    return sendPage(req, reply, <FollowUpPage provider={p} rows={rows} definition={q?.definition} saved={req.query.ok === 'saved'} />);
  });
  app.post(
    '/min-side/leverandor/:slug/ikke-bruk/:id',
    { schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 120 }), id: Type.String({ maxLength: 60 }) }), body: formBody({ maxLength: 5000 }) } },
    async (req, reply) => {
      requirePrincipal(req);
      const p = await load(req, req.params.slug);
      const body = req.body as Record<string, string>;
      await setNonUseFollowUp(db, actorOf(req, deps), req.params.id, { state: body.state ?? '', note: body.note }, req.lang);
      return reply.redirect(`${prefix(req)}/min-side/leverandor/${p.slug}/ikke-bruk?ok=saved#nu-${req.params.id}`, 303);
    },
  );
}

function FollowUpPage({ provider, rows, definition, saved }: { provider: { slug: string; name: LocalizedText; shortName: string | null }; rows: NonUseRow[]; definition: QuestionnaireDefinition | undefined; saved: boolean }) {
  const { t, fmt, lang } = usePage();
  const href = useHref();
  const text = useText();
  const title = t.nonUse.followUpTitle(provider.shortName ?? text(provider.name));
  const answer = (r: NonUseRow, id: string) => {
    const q = definition?.questions.find((x) => x.id === id);
    const v = r.answers[id];
    return q && v !== undefined && v !== '' ? answerLabel(q, v, text) : null;
  };
  return (
    <Layout title={title} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: title }]} />
      <PageHeader title={title} lead={t.nonUse.followUpLead} />
      <Notice text={saved ? t.nonUse.saved : undefined} />
      <RowTable caption={title} columns={[t.nonUse.service, t.nonUse.agency, t.nonUse.reason, t.nonUse.declared, t.nonUse.followUp]} rows={rows} none={t.mine.noOptOutsOfYours} rowKey={(r) => r.id} rowId={(r) => `nu-${r.id}`} head={(r) => <ServiceLink service={r.service} />} cells={(r) => (
        <>
          <td>
            <OrgLink org={r.agency} />
          </td>
          <td>
            {answer(r, 'reason') ?? t.nonUse.noReason}
            {answer(r, 'details') ? <Paragraph data-size="sm">{answer(r, 'details')}</Paragraph> : null}
            {answer(r, 'may_contact') ? (
              <Paragraph data-size="sm">
                {t.nonUse.mayContact}: {answer(r, 'may_contact')}
              </Paragraph>
            ) : null}
          </td>
          <td className="nowrap">{fmt.date(r.declaredAt)}</td>
          <td>
            <PostForm action={href(`/min-side/leverandor/${provider.slug}/ikke-bruk/${r.id}`)} className="follow-up-form">
              <SelectField
                id={`nu-${r.id}-state`}
                name="state"
                label={t.nonUse.followUpFor(pickText(r.agency.name, lang).text, pickText(r.service.name, lang).text)}
                value={r.followUp ?? 'to_contact'}
                options={FOLLOW_UP_STATES.map((s) => ({ value: s, label: t.terms.followUp[s] }))}
              />
              <TextField id={`nu-${r.id}-note`} name="note" label={t.nonUse.followUpNote} value={r.followUpNote ?? undefined} maxLength={2000} />
              <Button type="submit" variant="secondary" data-size="sm">
                {t.nonUse.save}
              </Button>
              <Paragraph data-size="xs" className="muted">
                {r.followUpAt ? t.nonUse.followUpBy(r.followUpBy ?? '', fmt.dateTime(r.followUpAt)) : t.nonUse.notFollowedUp}
              </Paragraph>
            </PostForm>
          </td>
        </>
      )} />
    </Layout>
  );
}

/** The ministry's overview of its agencies' non-use (reasons, never the provider's follow-up). */
export function MinistryNonUseSection({ rows, definition }: { rows: NonUseRow[]; definition: QuestionnaireDefinition | undefined }) {
  const { t, fmt } = usePage();
  const text = useText();
  const reason = (r: NonUseRow) => {
    const q = definition?.questions.find((x) => x.id === 'reason');
    const v = r.answers.reason;
    return q && v !== undefined && v !== '' ? answerLabel(q, v, text) : t.nonUse.noReason;
  };
  return (
    <RowTable caption={t.nonUse.ministryTitle} columns={[t.nonUse.agency, t.nonUse.service, t.nonUse.reason, t.nonUse.declared]} rows={rows} none={t.nonUse.ministryNone} rowKey={(r) => r.id} head={(r) => <OrgLink org={r.agency} />} cells={(r) => (
      <>
        <td><ServiceLink service={r.service} /></td>
        <td>{reason(r)}</td>
        <td className="nowrap">{fmt.date(r.declaredAt)}</td>
      </>
    )} />
  );
}
