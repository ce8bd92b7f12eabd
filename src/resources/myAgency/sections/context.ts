import type { LocalizedText } from '../../../domain/catalogue.js';
import { answerLabel, type Answers, type QuestionnaireDefinition } from '../../../domain/questionnaire.js';
import { errorMap, type Errors } from '../../../web/forms.js';
import type { AgencyRow } from '../queries.js';

/**
 * What every section of the self-service page needs: the agency, whether the reader may edit it, where its forms
 * post, and — when one of them was posted and refused — that form's values and errors (the others stay as stored).
 */
export interface SectionContext {
  agency: AgencyRow;
  edit: boolean;
  /** `/min-side/virksomhet/<orgnr>`: forms post below it. */
  base: string;
  /** The form that was posted ("profile", "usage" …), if any. */
  form: string | undefined;
  values: Record<string, unknown>;
  /** A form's field errors, when it was the one posted. */
  errs: (form: string) => Record<string, string>;
  /** A field's value: as posted when its form was, else the stored value. */
  v: (form: string, key: string, fallback?: string | null) => string | undefined;
}

export function sectionContext(agency: AgencyRow, edit: boolean, state: { errors?: Errors | undefined; form?: string | undefined; values?: Record<string, unknown> | undefined }): SectionContext {
  const { errors = [], form, values = {} } = state;
  return {
    agency,
    edit,
    base: `/min-side/virksomhet/${agency.orgnr}`,
    form,
    values,
    errs: (f) => (form === f ? errorMap(errors) : {}),
    v: (f, k, fallback) => (form === f ? (values[k] as string | undefined) : (fallback ?? undefined)),
  };
}

/** The services to choose from in a form, after a "choose a service" option. */
export function serviceChoices(prompt: string, services: { slug: string; name: LocalizedText }[], text: (v: LocalizedText) => string) {
  return [{ value: '', label: prompt }, ...services.map((x) => ({ value: x.slug, label: text(x.name) }))];
}

/** A questionnaire's answers on one line, in the questions' order: "Cost – Too expensive for us". */
export function answerLine(def: QuestionnaireDefinition, answers: Answers, text: (v: LocalizedText) => string, number?: (n: number) => string): string {
  return def.questions
    .filter((q) => answers[q.id] !== undefined)
    .map((q) => answerLabel(q, answers[q.id]!, text, number))
    .join(' – ');
}
