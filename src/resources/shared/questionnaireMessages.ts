import { type Language, pickText } from '../../domain/catalogue.js';
import type { AnswerProblem, QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { messages } from '../../web/i18n/index.js';

/** Problems with questionnaire answers as field errors in the reader's language, naming the question. */
export function answerProblems(def: QuestionnaireDefinition, problems: AnswerProblem[], lang: Language): { field: string; message: string }[] {
  const t = messages[lang].questionnaire;
  return problems.map((p) => {
    const q = def.questions.find((x) => x.id === p.question);
    const label = q ? pickText(q.label, lang).text : p.question;
    let message: string;
    switch (p.code) {
      case 'required':
        message = t.required(label);
        break;
      case 'not_an_option':
        message = t.notAnOption(label, p.value);
        break;
      case 'not_an_integer':
        message = t.notAnInteger(label);
        break;
      case 'out_of_range':
        message = t.outOfRange(label, p.min, p.max);
        break;
      case 'too_long':
        message = t.tooLong(label, p.max);
        break;
      case 'invalid_email':
        message = t.invalidEmail(label);
        break;
      case 'invalid_phone':
        message = t.invalidPhone(label);
        break;
      case 'invalid_date':
        message = t.invalidDate(label);
        break;
      case 'unknown_question':
        message = t.unknownQuestion(p.question);
        break;
      case 'wrong_shape':
        message = t.wrongShape(label);
        break;
    }
    return { field: `answers.${p.question}`, message };
  });
}
