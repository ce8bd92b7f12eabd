import { Button, Input, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { DataTable, OrgLink, queryString, Section } from '../../web/components.js';
import { useHref, usePage, useText } from '../../web/context.js';
import { CsrfField, ErrorSummary, formBody, Notice } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { prefix, sendPage } from '../../web/render.js';
import { setNoticeEmail } from './commands.js';
import { mayKeepNoticeAddresses } from './policy.js';
import { type AgencyReach, consultationReach } from './queries.js';
import { TitledPage } from '../../web/components/titledPage.js';

const FormBody = formBody({ maxLength: 300 });
const Query = Type.Object({ vis: Type.Optional(Type.Union([Type.Literal('alle'), Type.Literal('ingen')])), ok: Type.Optional(Type.String({ maxLength: 20 })) });

/** /admin/kontaktadresser: DFØ fills in the contact addresses that let a notice reach agencies without an editor. */
export async function registerReachPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  const page = async (req: FastifyRequest, reply: FastifyReply, state: { all: boolean; ok?: string | undefined; error?: { orgnr: string; message: string; value: string } }, status = 200) => {
    if (!mayKeepNoticeAddresses(requirePrincipal(req))) throw new HttpProblem(403, messages[req.lang].access.forbidden, { roles: ['admin'] });
    const rows = await consultationReach(db, 'state');
    const shown = state.all ? rows : rows.filter((r) => r.emails.length === 0 || r.orgnr === state.error?.orgnr);
    return sendPage(req, reply, <NoticeAddressesPage rows={shown} {...state} />, status);
  };

  app.get('/admin/kontaktadresser', { schema: { hide: true, querystring: Query } }, async (req, reply) => page(req, reply, { all: req.query.vis === 'alle', ok: req.query.ok }));

  app.post('/admin/kontaktadresser/:orgnr', { schema: { hide: true, params: Type.Object({ orgnr: Type.String({ maxLength: 20 }) }), querystring: Query, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    const all = req.query.vis === 'alle';
    try {
      await setNoticeEmail(db, actorOf(req, deps), req.params.orgnr, body.email, req.lang);
    } catch (e) {
      if (e instanceof HttpProblem && e.status === 400) return page(req, reply, { all, error: { orgnr: req.params.orgnr, message: e.detail, value: body.email ?? '' } }, 400);
      throw e;
    }
    return reply.redirect(`${prefix(req)}/admin/kontaktadresser${queryString({ vis: all ? 'alle' : undefined, ok: 'saved' })}#a-${req.params.orgnr}`, 303);
  });
}

function NoticeAddressesPage({ rows, all, ok, error }: { rows: AgencyReach[]; all: boolean; ok?: string | undefined; error?: { orgnr: string; message: string; value: string } | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const r = t.reach.admin;
  return (
    <TitledPage title={r.title} lead={r.lead} section="mine">
      <Notice text={ok === 'saved' ? r.saved : undefined} />
      <ErrorSummary errors={error ? [{ field: error.orgnr, message: error.message }] : []} fieldId={(f) => `email-${f}`} />
      <form method="get" action={href('/admin/kontaktadresser')} className="inline-form">
        <fieldset className="ds-fieldset">
          <legend>{r.filterLegend}</legend>
          <label>
            <input type="radio" name="vis" value="ingen" defaultChecked={!all} /> {r.unreachedOnly}
          </label>{' '}
          <label>
            <input type="radio" name="vis" value="alle" defaultChecked={all} /> {r.all}
          </label>
        </fieldset>
        <Button type="submit" variant="secondary" data-size="sm">
          {r.show}
        </Button>
      </form>
      <Section title={r.count(fmt.number(rows.length))} id="agencies">
        {rows.length === 0 ? (
          <Paragraph>{r.none}</Paragraph>
        ) : (
          <DataTable caption={r.title} captionHidden columns={[r.agency, r.register, r.editors, r.address]}>
            {rows.map((a) => (
              <AddressRow key={a.orgnr} a={a} all={all} error={error?.orgnr === a.orgnr ? error : undefined} />
            ))}
          </DataTable>
        )}
      </Section>
    </TitledPage>
  );
}

/** One agency and the form for its contact address (its own POST, so a mistake keeps the other rows as they are). */
function AddressRow({ a, all, error }: { a: AgencyReach; all: boolean; error: { message: string; value: string } | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const name = useText()(a.name);
  const r = t.reach.admin;
  const id = `email-${a.orgnr}`;
  return (
    <tr id={`a-${a.orgnr}`}>
      <td>
        <OrgLink org={a} />
      </td>
      <td>{a.registerEmail ?? '–'}</td>
      <td className="num">{fmt.number(a.editors)}</td>
      <td>
        <form method="post" action={href(`/admin/kontaktadresser/${a.orgnr}${all ? '?vis=alle' : ''}`)} className="inline-form" noValidate>
          <CsrfField />
          <label htmlFor={id} className="visually-hidden">
            {r.addressFor(name)}
          </label>
          <Input
            id={id}
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            data-size="sm"
            defaultValue={error ? error.value : (a.noticeEmail ?? '')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <span id={`${id}-error`} className="field-error">
              {error.message}
            </span>
          ) : null}{' '}
          <Button type="submit" variant="secondary" data-size="sm" aria-label={r.saveFor(name)}>
            {r.save}
          </Button>
        </form>
      </td>
    </tr>
  );
}
