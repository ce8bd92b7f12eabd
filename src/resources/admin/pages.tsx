import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { agencies, providers, roleAssignments, users } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { ROLES } from '../../domain/principal.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { Breadcrumbs, DataTable, PageHeader, Section, SelectField, TextField } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { errorMap, ErrorSummary, formBody, Notice, PostButton, PostForm } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { prefix, sendPage } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { actorOf } from '../../server/actor.js';
import { auditScope } from '../audit/policy.js';
import { type AuditRow, listAudit } from '../audit/queries.js';
import { assignRole, removeRole } from './commands.js';
import { mayAdminister } from './policy.js';

const FormBody = formBody({ maxLength: 500 });

export async function registerAdminPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  const rolesPage = async (req: FastifyRequest, reply: FastifyReply, state: { errors?: { field: string; message: string }[]; values?: Record<string, string>; ok?: string }, status = 200) => {
    requirePrincipal(req);
    if (!mayAdminister(req.principal)) throw new HttpProblem(403, messages[req.lang].access.forbidden);
    const rows = await db
      .select({ id: roleAssignments.id, role: roleAssignments.role, user: { name: users.name, email: users.email, lastLoginAt: users.lastLoginAt }, agencyOrgnr: roleAssignments.agencyOrgnr, ministryOrgnr: roleAssignments.ministryOrgnr, providerId: roleAssignments.providerId })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .orderBy(asc(users.name), asc(roleAssignments.role));
    const [orgs, provs] = await Promise.all([db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies), db.select({ id: providers.id, slug: providers.slug, name: providers.name }).from(providers)]);
    const scopeName = (r: (typeof rows)[number]): LocalizedText | string =>
      r.agencyOrgnr || r.ministryOrgnr ? (orgs.find((o) => o.orgnr === (r.agencyOrgnr ?? r.ministryOrgnr))?.name ?? formatOrgnr(r.agencyOrgnr ?? r.ministryOrgnr ?? '')) : r.providerId ? (provs.find((p) => p.id === r.providerId)?.name ?? '') : '–';
    return sendPage(req, reply, <RolesPage rows={rows.map((r) => ({ ...r, scope: scopeName(r) }))} {...state} />, status);
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

  app.get(
    '/admin/logg',
    { schema: { hide: true, querystring: Type.Object({ virksomhet: Type.Optional(Type.String({ maxLength: 40 })), before: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (req, reply) => {
      requirePrincipal(req);
      const scope = auditScope(req.principal);
      if (!scope) throw new HttpProblem(403, messages[req.lang].access.forbidden);
      const agencyOrgnr = req.query.virksomhet ? requireOrgnr(req.query.virksomhet, req.lang, 'virksomhet') : undefined;
      const rows = await listAudit(db, scope, { before: req.query.before, limit: 50, agencyOrgnr });
      return sendPage(req, reply, <AuditPage rows={rows} agencyOrgnr={agencyOrgnr} />);
    },
  );
}

function RolesPage({
  rows,
  errors = [],
  values = {},
  ok,
}: {
  rows: { id: string; role: (typeof ROLES)[number]; user: { name: string; email: string; lastLoginAt: Date | null }; scope: LocalizedText | string }[];
  errors?: { field: string; message: string }[];
  values?: Record<string, string>;
  ok?: string | undefined;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const e = errorMap(errors);
  return (
    <Layout title={t.admin.rolesTitle} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: t.admin.rolesTitle }]} />
      <PageHeader title={t.admin.rolesTitle} lead={t.admin.rolesLead} />
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
    </Layout>
  );
}

function AuditPage({ rows, agencyOrgnr }: { rows: AuditRow[]; agencyOrgnr?: string | undefined }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const last = rows[rows.length - 1];
  return (
    <Layout title={t.audit.title} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: t.audit.title }]} />
      <PageHeader title={t.audit.title} lead={agencyOrgnr ? t.audit.leadAgency(formatOrgnr(agencyOrgnr)) : t.audit.lead} />
      {rows.length === 0 ? (
        <Paragraph>{t.audit.none}</Paragraph>
      ) : (
        <DataTable caption={t.audit.title} captionHidden columns={[t.procurement.when, t.audit.who, t.audit.capacity, t.audit.what, t.audit.change]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">{fmt.dateTime(r.occurredAt)}</td>
              <td>
                {r.actorName}
                {r.viaApi ? <span className="block muted">API</span> : null}
              </td>
              <td>
                {r.actingRole === 'system' ? t.audit.system : t.terms.role[r.actingRole]}
                {r.agencyOrgnr ? <span className="block muted">{formatOrgnr(r.agencyOrgnr)}</span> : null}
              </td>
              <td>
                <code>{r.action}</code>
                <span className="block muted">
                  {r.entityType} {r.entityId.slice(0, 8)}
                </span>
              </td>
              <td>
                <details>
                  <summary>{t.audit.showChange}</summary>
                  <pre className="audit-json">{JSON.stringify({ before: r.before, after: r.after }, null, 1)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {rows.length === 50 && last ? (
        <Paragraph>
          <a href={href(`/admin/logg?before=${last.seq}${agencyOrgnr ? `&virksomhet=${agencyOrgnr}` : ''}`)}>{t.catalogue.next}</a>
        </Paragraph>
      ) : null}
    </Layout>
  );
}
