import { Type } from 'typebox';
import { requirePrincipal } from '../../auth/plugin.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { requireProcurement } from '../procurements/queries.js';
import { localizer } from '../shared/present.js';
import { problem, security } from '../shared/schema.js';
import { setNoticeEmail } from './commands.js';
import { maySeeReach } from './policy.js';
import { consultationReach, noticesSent, summarise } from './queries.js';

const Reach = Type.Object({
  eligible: Type.Integer({ description: 'Agencies the procurement covers' }),
  reached: Type.Integer({ description: 'Of them, those a consultation notice reaches (an active agency editor or a contact address)' }),
  unreached: Type.Array(Type.Object({ orgnr: Type.String(), name: Type.String() }), { description: 'Those no one will reach' }),
  notices: Type.Object(
    { queued: Type.Integer(), sent: Type.Integer() },
    { description: 'Consultation notices written for this procurement (one per agency) and, of them, those the mail server took' },
  ),
});

/** Reach of notices: /api/v1/procurements/{id}/reach and /api/v1/agencies/{orgnr}/notice-email. */
export async function registerReachApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;

  api.get(
    '/procurements/:id/reach',
    {
      schema: {
        tags: ['procurements'],
        summary: "Who a procurement's consultation notice reaches",
        description:
          'For the running provider and DFØ: the eligible agencies, how many have an active editor or a contact address, the ones no one will reach, and how many notices were actually written and sent.',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Reach, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      requirePrincipal(req);
      const p = await requireProcurement(db, req.params.id, req.lang);
      if (!maySeeReach(req.principal, p)) throw new HttpProblem(403, messages[req.lang].access.notYourProvider);
      const { text } = localizer(req.lang);
      const [rows, notices] = await Promise.all([consultationReach(db, p.eligibility), noticesSent(db, p.id)]);
      const s = summarise(rows);
      return { eligible: s.eligible, reached: s.reached, unreached: s.unreached.map((u) => ({ orgnr: u.orgnr, name: text(u.name) })), notices };
    },
  );

  api.put(
    '/agencies/:orgnr/notice-email',
    {
      schema: {
        tags: ['agencies'],
        summary: "Set an agency's contact address for notices (DFØ)",
        description:
          "Administrators only. The address takes precedence over the register's e-mail, and the Enhetsregisteret import never overwrites it. `null` or an empty string removes it. Idempotent; audited. Answers 204.",
        security,
        params: Type.Object({ orgnr: Type.String({ maxLength: 20 }) }),
        body: Type.Object({ email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()]) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req, reply) => {
      requirePrincipal(req);
      await setNoticeEmail(db, actorOf(req, deps), req.params.orgnr, req.body.email, req.lang);
      return reply.code(204).send(null);
    },
  );
}
