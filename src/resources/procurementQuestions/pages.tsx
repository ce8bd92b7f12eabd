import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { procurementQuestions } from '../../db/schema/index.js';
import { Section } from '../../web/components.js';
import { usePage } from '../../web/context.js';

/** The published questions and answers of a procurement (answered ones, without the asking agency). */
export function publishedQuestions(db: Executor, procurementId: string) {
  return db
    .select({ id: procurementQuestions.id, question: procurementQuestions.question, answer: procurementQuestions.answer, answeredAt: procurementQuestions.answeredAt })
    .from(procurementQuestions)
    .where(and(eq(procurementQuestions.procurementId, procurementId), isNotNull(procurementQuestions.answer)))
    .orderBy(asc(procurementQuestions.askedAt), asc(procurementQuestions.id));
}

/** The procurement page's "questions and answers" section. */
export function QuestionsSection({ items }: { items: Awaited<ReturnType<typeof publishedQuestions>> }) {
  const { t, fmt } = usePage();
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
    </Section>
  );
}
