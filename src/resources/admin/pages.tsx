import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { ROLES } from '../../domain/principal.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, DataTable, PageHeader, queryString, Section, SelectField, TextField } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { errorMap, ErrorSummary, formBody, Notice, PostButton, PostForm } from '../../web/forms.js';
import { formatters, messages } from '../../web/i18n/index.js';
import { StatDownloads } from '../../web/export/StatTableView.js';
import { parseTableFile, sendTable } from '../../web/export/send.js';
import { auditChanges, auditSentence, auditTable } from '../audit/present.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { auditScope } from '../audit/policy.js';
import { type AuditRow, listAudit } from '../audit/queries.js';
import { assignRole, removeRole } from './commands.js';
import { listRoleAssignments, type RoleAssignmentRow } from './queries.js';
import { mayAdminister } from './policy.js';
import { TitledPage } from '../../web/components/titledPage.js';

const FormBody = formBody({ maxLength: 500 });

export async function registerAdminPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  const rolesPage = async (req: FastifyRequest, reply: FastifyReply, state: { errors?: { field: string; message: string }[]; values?: Record<string, string>; ok?: string }, status = 200) => {
    requirePrincipal(req);
    if (!mayAdminister(req.principal)) throw new HttpProblem(403, messages[req.lang].access.forbidden, { roles: ['admin'] });
    const rows = await listRoleAssignments(db);
    return sendPage(req, reply, <RolesPage rows={rows} {...state} />, status);
  };

  app.get('/admin/roller', { schema: { hide: true, querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (req, reply) => rolesPage(req, reply, { ok: req.query.ok }));

  app.post('/admin/roller', { schema: { hide: true, body: FormBody } }, async (req, reply) => {
    const body = req.body as Record<string, string>;
    try {
      await assignRole(db, actorOf(req, deps), body, req.lang);
    } catch (e) {
      if (e instanceof HttpProblem && (e.status === 400 || e.status === 409)) return rolesPage(req, reply, { errors: e.extra.errors ?? [{ field: 'form', message: e.detail }], values: body }, e.status);
      throw e;
    }
    return reply.redirect(`${prefix(req)}/admin/roller?ok=assigned`, 303);
  });

  app.post('/admin/roller/:id/fjern', { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 60 }) }), body: FormBody } }, async (req, reply) => {
    await removeRole(db, actorOf(req, deps), req.params.id, req.lang);
    return reply.redirect(`${prefix(req)}/admin/roller?ok=removed`, 303);
  });

  const AuditQuery = Type.Object({
    virksomhet: Type.Optional(Type.String({ maxLength: 40 })),
    leverandor: Type.Optional(Type.String({ maxLength: 80, pattern: '^[a-z0-9-]*$' })),
    person: Type.Optional(Type.String({ maxLength: 100 })),
    type: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z_.-]*$' })),
    fra: Type.Optional(Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' })),
    til: Type.Optional(Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  });
  type AuditQuery = Static<typeof AuditQuery>;
  /** The same filters and the same scope for the page and its downloads. */
  const auditRows = async (req: FastifyRequest<{ Querystring: AuditQuery }>, limit: number) => {
    requirePrincipal(req);
    const scope = auditScope(req.principal);
    if (!scope) throw new HttpProblem(403, messages[req.lang].access.forbidden, { roles: ['agency_editor', 'provider_editor', 'admin'] });
    const q = req.query;
    const filter = {
      agencyOrgnr: q.virksomhet ? requireOrgnr(q.virksomhet, req.lang, 'virksomhet') : undefined,
      provider: q.leverandor || undefined,
      person: q.person?.trim() || undefined,
      kind: q.type || undefined,
      from: q.fra || undefined,
      to: q.til || undefined,
    };
    return { filter, rows: await listAudit(db, scope, { ...filter, before: q.before, limit }) };
  };

  app.get('/admin/logg', { schema: { hide: true, querystring: AuditQuery } }, async (req, reply) => {
    const { filter, rows } = await auditRows(req, 50);
    return sendPage(req, reply, <AuditPage rows={rows} filter={filter} query={req.query} />);
  });

  app.get('/admin/logg/tabeller/:file', { schema: { hide: true, querystring: AuditQuery, params: Type.Object({ file: Type.String({ maxLength: 100 }) }) } }, async (req, reply) => {
    const file = parseTableFile(req.params.file);
    if (!file || file.id !== 'endringslogg') throw new HttpProblem(404, messages[req.lang].errors.notFound);
    const { rows } = await auditRows(req, 10_000);
    return sendTable(reply, auditTable(rows, req.lang), file.format, req.lang, 'endringslogg');
  });
}

function RolesPage({
  rows,
  errors = [],
  values = {},
  ok,
}: {
  rows: RoleAssignmentRow[];
  errors?: { field: string; message: string }[];
  values?: Record<string, string>;
  ok?: string | undefined;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const e = errorMap(errors);
  return (
    <TitledPage title={t.admin.rolesTitle} lead={t.admin.rolesLead} section="mine" parents={[{ label: t.mine.title, href: href('/min-side') }]}>
      <Notice text={ok ? t.mine.saved : undefined} />
      <Section title={t.admin.assign} id="assign">
        <ErrorSummary errors={errors} />
        <PostForm action={href('/admin/roller')}>
          <TextField id="f-email" name="email" type="email" label={t.common.email} value={values.email} error={e.email} maxLength={254} />
          <TextField id="f-name" name="name" label={t.admin.name} description={t.admin.nameHelp} value={values.name} error={e.name} maxLength={120} />
          <SelectField id="f-role" name="role" label={t.admin.role} value={values.role} options={ROLES.map((r) => ({ value: r, label: t.terms.role[r] }))} error={e.role} />
          <TextField id="f-scope" name="scope" label={t.admin.scope} description={t.admin.scopeHelp} value={values.scope} error={e.scope} maxLength={120} />
          <Button type="submit">{t.admin.assignButton}</Button>
        </PostForm>
      </Section>
      <Section title={t.admin.assignments} id="assignments">
        <DataTable caption={t.admin.assignments} captionHidden columns={[t.admin.name, t.admin.role, t.admin.scope, t.admin.lastLogin, t.usage.actions]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.user.name}
                <span className="block muted">{r.user.email}</span>
              </th>
              <td>{t.terms.role[r.role]}</td>
              <td>{typeof r.scope === 'string' ? r.scope : text(r.scope)}</td>
              <td>{r.user.lastLoginAt ? fmt.dateTime(r.user.lastLoginAt) : t.admin.never}</td>
              <td>
                <PostButton action={href(`/admin/roller/${r.id}/fjern`)} label={t.admin.remove(r.user.name, t.terms.role[r.role])} variant="tertiary" />
              </td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </TitledPage>
  );
}

function AuditPage({ rows, filter, query }: { rows: AuditRow[]; filter: { agencyOrgnr?: string | undefined }; query: AuditQueryValues }) {
  const { t, lang } = usePage();
  const href = useHref();
  const last = rows[rows.length - 1];
  const { before: _before, ...filters } = query;
  const qs = queryString(filters as never);
  const table = auditTable(rows, lang);
  const kinds = Object.entries(t.audit.actions as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Layout title={t.audit.title} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: t.audit.title }]} />
      <PageHeader title={t.audit.title} lead={filter.agencyOrgnr ? t.audit.leadAgency(formatOrgnr(filter.agencyOrgnr)) : t.audit.lead} />
      <form method="get" action={href('/admin/logg')} className="filter-form" aria-label={t.audit.filter}>
        <TextField id="audit-person" name="person" label={t.audit.person} value={query.person} maxLength={100} />
        <TextField id="audit-virksomhet" name="virksomhet" label={t.audit.organisation} description={t.common.orgnr} value={query.virksomhet} maxLength={40} inputMode="numeric" />
        <SelectField id="audit-type" name="type" label={t.audit.kind} value={query.type ?? ''} options={[{ value: '', label: t.audit.allKinds }, ...kinds.map(([value, label]) => ({ value, label }))]} />
        <TextField id="audit-fra" name="fra" type="date" label={t.audit.from} value={query.fra} />
        <TextField id="audit-til" name="til" type="date" label={t.audit.to} value={query.til} />
        {query.leverandor ? <input type="hidden" name="leverandor" value={query.leverandor} /> : null}
        <Button type="submit" data-variant="secondary">
          {t.audit.filter}
        </Button>
      </form>
      {rows.length === 0 ? (
        <Paragraph>{t.audit.none}</Paragraph>
      ) : (
        <>
          <DataTable caption={t.audit.title} captionHidden columns={[t.procurement.when, t.audit.what, t.audit.capacity, t.audit.change]}>
            {rows.map((r) => {
              const changes = auditChanges(r);
              return (
                <tr key={r.id}>
                  <td className="nowrap">{fmtDateTime(r.occurredAt)}</td>
                  <td>
                    {auditSentence(r, lang)}
                    {r.viaApi ? <span className="block muted">API</span> : null}
                  </td>
                  <td>{r.actingRole === 'system' ? t.audit.system : t.terms.role[r.actingRole]}</td>
                  <td>
                    {changes.length ? (
                      <details>
                        <summary>{t.audit.showChange}</summary>
                        <ul className="audit-changes">
                          {changes.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      </details>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <StatDownloads table={table} download={{ path: href('/admin/logg'), query: qs }} />
        </>
      )}
      {rows.length === 50 && last ? (
        <Paragraph>
          <a href={href('/admin/logg') + queryString({ ...filters, before: last.seq } as never)}>{t.catalogue.next}</a>
        </Paragraph>
      ) : null}
    </Layout>
  );

  function fmtDateTime(d: Date) {
    return formatters(lang).dateTime(d);
  }
}

type AuditQueryValues = { virksomhet?: string | undefined; leverandor?: string | undefined; person?: string | undefined; type?: string | undefined; fra?: string | undefined; til?: string | undefined; before?: number | undefined };
