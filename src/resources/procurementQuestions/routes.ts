import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { recordAudit } from '../../db/audit.js';
import type { Database } from '../../db/database.js';
import { agencies, procurementQuestions, procurements } from '../../db/schema/index.js';
import type { Actor } from '../../domain/actor.js';
import type { Language } from '../../domain/catalogue.js';
import { capacityForAgency, capacityForProvider, editsAgency, isAdmin } from '../../domain/principal.js';
import { actorOf } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import type { App, AppDeps } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';
import { mayProcurement } from '../procurements/policy.js';
import { ProcurementIdParams } from '../procurements/schema.js';
import { Lang, nullable, problem, security } from '../shared/schema.js';

const Question = Type.Object(
  {
    id: Type.String(),
    question: Type.String(),
    answer: nullable(Type.String()),
    askedAt: Type.String({ format: 'date-time' }),
    answeredAt: nullable(Type.String({ format: 'date-time' })),
    agency: Type.Optional(Type.String({ description: 'The asking agency: only for the provider running the procurement and administrators, never published.' })),
  },
  { $id: 'ProcurementQuestion' },
);
const field = (status: number, name: string, message: string) => new HttpProblem(status, message, { errors: [{ field: name, message }] });
const UUID = /^[0-9a-f-]{36}$/i;

async function loadProcurement(db: Database, id: string, lang: Language) {
  const [p] = UUID.test(id) ? await db.select({ id: procurements.id, status: procurements.status, providerId: procurements.providerId }).from(procurements).where(eq(procurements.id, id)) : [];
  if (!p) throw new HttpProblem(404, messages[lang].procurement.errors.unknown);
  return p;
}

/** questionAsker: an agency asks while the procurement is in consultation; question and audit event together. */
export async function askQuestion(db: Database, actor: Actor, id: string, input: { agency: string; question: string }, lang: Language): Promise<string> {
  const t = messages[lang];
  const p = await loadProcurement(db, id, lang);
  const [a] = await db.select({ orgnr: agencies.orgnr }).from(agencies).where(eq(agencies.orgnr, input.agency));
  if (!a) throw field(404, 'agency', t.errors.unknownAgency(input.agency));
  if (!isAdmin(actor.principal) && !editsAgency(actor.principal, a.orgnr)) throw new HttpProblem(403, t.access.forbidden);
  const question = input.question.trim();
  if (!question || question.length > 2000) throw field(400, 'question', t.question.errors.text);
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ status: procurements.status }).from(procurements).where(eq(procurements.id, p.id)).for('update');
    if (cur!.status !== 'consultation') throw field(409, 'question', t.question.errors.closed);
    const [row] = await tx.insert(procurementQuestions).values({ procurementId: p.id, agencyOrgnr: a.orgnr, question, askedAt: actor.now, askedBy: actor.principal.name }).returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, a.orgnr), { action: 'procurement_question.ask', entityType: 'procurement_question', entityId: row!.id, after: { procurement: p.id, question } });
    return row!.id;
  });
}

/** questionAnswerer: the provider answers (or corrects its answer); the answer is published to everyone. */
export async function answerQuestion(db: Database, actor: Actor, id: string, qid: string, answerText: string, lang: Language): Promise<void> {
  const t = messages[lang];
  const p = await loadProcurement(db, id, lang);
  if (!mayProcurement(actor.principal, 'transition', p)) throw new HttpProblem(403, t.access.notYourProvider);
  const answer = answerText.trim();
  if (!answer || answer.length > 2000) throw field(400, 'answer', t.question.errors.text);
  if (!UUID.test(qid)) throw new HttpProblem(404, t.question.errors.unknown);
  await db.transaction(async (tx) => {
    const [q] = await tx.select().from(procurementQuestions).where(and(eq(procurementQuestions.id, qid), eq(procurementQuestions.procurementId, p.id))).for('update');
    if (!q) throw new HttpProblem(404, t.question.errors.unknown);
    await tx.update(procurementQuestions).set({ answer, answeredAt: actor.now, answeredBy: actor.principal.name }).where(eq(procurementQuestions.id, qid));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, p.providerId), { action: 'procurement_question.answer', entityType: 'procurement_question', entityId: qid, before: { answer: q.answer }, after: { answer } });
  });
}

/**
 * Public questions and answers on a procurement in consultation (issue 17, item 2; the report's 2.1.4 and 3.2): an
 * agency asks, the provider answers, the answers are published to all with the asker anonymous.
 */
export async function registerProcurementQuestionApi(api: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  api.addSchema(Question);
  const one = { $ref: 'ProcurementQuestion#' };

  api.get(
    '/procurements/:id/questions',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Questions and answers on a procurement',
        description: 'Public: the answered questions, without the asking agency. The provider running the procurement and administrators also see unanswered ones and who asked.',
        params: ProcurementIdParams,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('ProcurementQuestion')), total: Type.Integer() }), 404: problem },
      },
    },
    async (req) => {
      const p = await loadProcurement(db, req.params.id, req.lang);
      const provider = !!req.principal && mayProcurement(req.principal, 'transition', p);
      const rows = await db
        .select()
        .from(procurementQuestions)
        .where(provider ? eq(procurementQuestions.procurementId, p.id) : and(eq(procurementQuestions.procurementId, p.id), isNotNull(procurementQuestions.answer)))
        .orderBy(asc(procurementQuestions.askedAt), asc(procurementQuestions.id));
      const items = rows.map((q) => ({
        id: q.id,
        question: q.question,
        answer: q.answer,
        askedAt: q.askedAt.toISOString(),
        answeredAt: q.answeredAt?.toISOString() ?? null,
        ...(provider ? { agency: q.agencyOrgnr } : {}),
      }));
      return { items, total: items.length };
    },
  );

  api.post(
    '/procurements/:id/questions',
    {
      schema: {
        tags: ['procurements'],
        summary: 'Ask a question about a procurement in consultation',
        description: "For the agency's editors and administrators, while the consultation is open (409 otherwise). Published, once answered, without the agency.",
        security,
        params: ProcurementIdParams,
        body: Type.Object({ agency: Type.String({ pattern: '^[0-9]{9}$' }), question: Type.String({ maxLength: 5000 }) }),
        response: { 201: one, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (req, reply) => {
      const qid = await askQuestion(db, actorOf(req, deps), req.params.id, req.body, req.lang);
      const [q] = await db.select().from(procurementQuestions).where(eq(procurementQuestions.id, qid));
      reply.code(201);
      return { id: q!.id, question: q!.question, answer: null, askedAt: q!.askedAt.toISOString(), answeredAt: null };
    },
  );

  api.put(
    '/procurements/:id/questions/:qid/answer',
    {
      schema: {
        tags: ['procurements'],
        summary: "The provider's answer, published to all",
        security,
        params: Type.Object({ id: Type.String({ maxLength: 60 }), qid: Type.String({ maxLength: 60 }) }),
        body: Type.Object({ answer: Type.String({ maxLength: 5000 }) }),
        response: { 200: one, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (req) => {
      await answerQuestion(db, actorOf(req, deps), req.params.id, req.params.qid, req.body.answer, req.lang);
      const [q] = await db.select().from(procurementQuestions).where(eq(procurementQuestions.id, req.params.qid));
      return { id: q!.id, question: q!.question, answer: q!.answer, askedAt: q!.askedAt.toISOString(), answeredAt: q!.answeredAt?.toISOString() ?? null };
    },
  );
}
