import { type Language, pickText } from '../../domain/catalogue.js';
import type { AnswerProblem, QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { type Messages, messages } from '../../web/i18n/index.js';

type Words = Messages['questionnaire'];
type Message<C extends AnswerProblem['code']> = (t: Words, label: string, problem: Extract<AnswerProblem, { code: C }>) => string;

/** Each problem code's sentence; `label` is the question as the reader sees it. */
const MESSAGES: { [C in AnswerProblem['code']]: Message<C> } = {
  required: (t, label) => t.required(label),
  not_an_option: (t, label, p) => t.notAnOption(label, p.value),
  not_an_integer: (t, label) => t.notAnInteger(label),
  out_of_range: (t, label, p) => t.outOfRange(label, p.min, p.max),
  too_long: (t, label, p) => t.tooLong(label, p.max),
  invalid_email: (t, label) => t.invalidEmail(label),
  invalid_phone: (t, label) => t.invalidPhone(label),
  invalid_date: (t, label) => t.invalidDate(label),
  unknown_question: (t, _label, p) => t.unknownQuestion(p.question),
  wrong_shape: (t, label) => t.wrongShape(label),
};

/** Problems with questionnaire answers as field errors in the reader's language, naming the question. */
export function answerProblems(def: QuestionnaireDefinition, problems: AnswerProblem[], lang: Language): { field: string; message: string }[] {
  const t = messages[lang].questionnaire;
  return problems.map((p) => {
    const q = def.questions.find((x) => x.id === p.question);
    const label = q ? pickText(q.label, lang).text : p.question;
    // `p` is the problem MESSAGES[p.code] takes; TypeScript cannot follow that correlation through the union.
    return { field: `answers.${p.question}`, message: MESSAGES[p.code](t, label, p as never) };
  });
}
