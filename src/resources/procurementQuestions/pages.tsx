import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { procurementQuestions } from '../../db/schema/index.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { Section, SelectField, TextAreaField } from '../../web/components.js';
import { usePage, useHref, useText } from '../../web/context.js';
import { ErrorSummary, type Errors, formState, PostForm, Refusal } from '../../web/forms.js';

const Q = procurementQuestions;
/** A procurement's questions that have an answer (`answered`) or still wait for one. */
const questionsOf = (procurementId: string, answered: boolean) => and(eq(Q.procurementId, procurementId), answered ? isNotNull(Q.answer) : isNull(Q.answer));
const oldestFirst = [asc(Q.askedAt), asc(Q.id)] as const;

/** The published questions and answers of a procurement (answered ones, without the asking agency). */
export function publishedQuestions(db: Executor, procurementId: string) {
  return db.select({ id: Q.id, question: Q.question, answer: Q.answer, answeredAt: Q.answeredAt }).from(Q).where(questionsOf(procurementId, true)).orderBy(...oldestFirst);
}

/** For the provider running the procurement: the questions still waiting for an answer, with who asked. */
export function unansweredQuestions(db: Executor, procurementId: string) {
  return db.select({ id: Q.id, question: Q.question, agency: Q.agencyOrgnr, askedAt: Q.askedAt }).from(Q).where(questionsOf(procurementId, false)).orderBy(...oldestFirst);
}

export interface QuestionsProps {
  procurementId: string;
  items: Awaited<ReturnType<typeof publishedQuestions>>;
  /** The agencies the user may ask for, while the procurement is in consultation. */
  askFor?: { orgnr: string; name: LocalizedText }[] | undefined;
  /** The provider's view: unanswered questions with answer forms. */
  unanswered?: (Awaited<ReturnType<typeof unansweredQuestions>>[number] & { agencyName?: LocalizedText | undefined })[] | undefined;
  /** A question or answer form that came back with errors: form is 'question' or 'answer:<id>'. */
  posted?: { form: string; values: Record<string, string>; errors: Errors; refusal?: string | undefined } | undefined;
}

/** The procurement page's "questions and answers" section, with the ask and answer forms (no JS needed). */
export function QuestionsSection({ procurementId, items, askFor, unanswered, posted }: QuestionsProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const tq = t.questionForm;
  const mine = posted?.form === 'question' ? posted : undefined;
  const { e, v } = formState(mine?.values ?? {}, mine?.errors ?? []);
  return (
    <Section title={t.question.title} id="questions">
      <Paragraph>{t.question.lead}</Paragraph>
      {items.length === 0 ? <Paragraph>{t.question.none}</Paragraph> : null}
      {items.map((q) => (
        <article key={q.id} className="question">
          <Heading level={3} data-size="2xs">
            {q.question}
          </Heading>
          <Paragraph>{q.answer}</Paragraph>
          {q.answeredAt ? (
            <Paragraph data-size="xs" className="muted">
              {fmt.date(q.answeredAt)}
            </Paragraph>
          ) : null}
        </article>
      ))}
      {askFor && askFor.length > 0 ? (
        <div className="action-card">
          <Heading level={3} data-size="2xs">
            {tq.ask}
          </Heading>
          <Paragraph data-size="sm">{tq.askHelp}</Paragraph>
          <Refusal text={mine?.refusal} />
          <ErrorSummary errors={mine?.errors ?? []} fieldId={(f) => `ask-${f}`} />
          <PostForm action={href(`/anskaffelser/${procurementId}/sporsmal`)} id="form-question">
            {askFor.length === 1 ? (
              <input type="hidden" name="agency" value={askFor[0]!.orgnr} />
            ) : (
              <SelectField id="ask-agency" name="agency" label={tq.agency} value={v('agency')} options={askFor.map((a) => ({ value: a.orgnr, label: text(a.name) }))} error={e.agency} />
            )}
            <TextAreaField id="ask-question" name="question" label={tq.question} value={v('question')} maxLength={2000} rows={4} error={e.question ?? (askFor.length === 1 ? e.agency : undefined)} />
            <Button type="submit">{tq.send}</Button>
          </PostForm>
        </div>
      ) : null}
      {unanswered ? (
        <>
          <Heading level={3} data-size="xs">
            {tq.unanswered}
          </Heading>
          {unanswered.length === 0 ? <Paragraph>{tq.noneOpen}</Paragraph> : null}
          {unanswered.map((q) => {
            const p = posted?.form === `answer:${q.id}` ? posted : undefined;
            return (
              <article key={q.id} className="question action-card">
                <Heading level={4} data-size="2xs">
                  {q.question}
                </Heading>
                <Paragraph data-size="xs" className="muted">
                  {tq.askedBy(q.agencyName ? text(q.agencyName) : formatOrgnr(q.agency), fmt.dateTime(q.askedAt))}
                </Paragraph>
                <Refusal text={p?.refusal} />
                <PostForm action={href(`/anskaffelser/${procurementId}/sporsmal/${q.id}/svar`)} id={`form-answer-${q.id}`}>
                  <TextAreaField id={`answer-${q.id}`} name="answer" label={tq.answer} value={p?.values.answer} maxLength={2000} rows={3} error={p?.errors[0]?.message} />
                  <Button type="submit">{tq.publish}</Button>
                </PostForm>
              </article>
            );
          })}
        </>
      ) : null}
    </Section>
  );
}
