import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { nullable, problem, security } from '../shared/schema.js';
import { auditScope } from './policy.js';
import { listAudit } from './queries.js';

export const AuditEventSchema = Type.Object(
  {
    seq: Type.Integer(),
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() }),
    actingAs: Type.Object({ role: Type.String(), agencyOrgnr: nullable(Type.String()), providerId: nullable(Type.String()), ministryOrgnr: nullable(Type.String()) }),
    action: Type.String(),
    entity: Type.Object({ type: Type.String(), id: Type.String() }),
    before: Type.Unknown(),
    after: Type.Unknown(),
    requestId: nullable(Type.String()),
    viaApi: Type.Boolean(),
  },
  { $id: 'AuditEvent' },
);

export async function registerAuditApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(AuditEventSchema);
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log',
        description:
          'Append-only. Administrators see every event; an agency editor the events done for their agencies; a provider editor those done for their provider. Newest first; page with `before` (the last seq seen).',
        security,
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 40, description: 'Only events for this agency (organisation number).' })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          lang: Type.Optional(Type.String()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('AuditEvent')), next: nullable(Type.Integer()) }), 400: problem, 401: problem, 403: problem },
      },
    },
    async (req) => {
      if (!req.principal) throw new HttpProblem(401, messages[req.lang].access.signInRequired);
      const scope = auditScope(req.principal);
      if (!scope) throw new HttpProblem(403, messages[req.lang].access.forbidden);
      const agencyOrgnr = req.query.agency ? requireOrgnr(req.query.agency, req.lang, 'agency') : undefined;
      const rows = await listAudit(db, scope, { before: req.query.before, limit: req.query.limit, agencyOrgnr });
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          occurredAt: r.occurredAt.toISOString(),
          actor: { kind: r.actorKind, id: r.actorId, name: r.actorName },
          actingAs: { role: r.actingRole, agencyOrgnr: r.agencyOrgnr, providerId: r.providerId, ministryOrgnr: r.ministryOrgnr },
          action: r.action,
          entity: { type: r.entityType, id: r.entityId },
          before: r.before,
          after: r.after,
          requestId: r.requestId,
          viaApi: r.viaApi,
        })),
        next: rows.length === req.query.limit ? rows[rows.length - 1]!.seq : null,
      };
    },
  );
}
