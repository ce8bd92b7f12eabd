import { Field, Input, Label, Paragraph, Textarea } from '@digdir/designsystemet-react';
import type { AnswerValue, Answers, Question, QuestionnaireDefinition } from '../domain/questionnaire.js';
import { DEFAULT_MAX_LENGTH, scaleValues } from '../domain/questionnaire.js';
import { FieldErrorText } from './components.js';
import { Text, usePage } from './context.js';

/** Form field names for questionnaire answers: `q_<question id>`. */
export const ANSWER_PREFIX = 'q_';

/** The answers in a posted form (fields named q_<id>), as raw values for validateAnswers. */
export function answersFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith(ANSWER_PREFIX)) out[k.slice(ANSWER_PREFIX.length)] = v;
  return out;
}

function Help({ id, q }: { id: string; q: Question }) {
  if (!q.help) return null;
  return (
    <Paragraph data-size="sm" id={`${id}-desc`} className="field-description">
      <Text value={q.help} />
    </Paragraph>
  );
}

function RequiredMark({ q }: { q: Question }) {
  const { t } = usePage();
  return q.required ? <span className="muted"> ({t.questionnaire.requiredMark})</span> : null;
}

function QuestionField({ q, value, error, idPrefix }: { q: Question; value: AnswerValue | undefined; error: string | undefined; idPrefix: string }) {
  const id = `${idPrefix}${q.id}`;
  const name = ANSWER_PREFIX + q.id;
  const describedBy = [q.help ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  if (q.type === 'single_choice' || q.type === 'multi_choice' || q.type === 'scale') {
    const multi = q.type === 'multi_choice';
    const selected = new Set(Array.isArray(value) ? value : value === undefined ? [] : [String(value)]);
    // A scale is a row of radios, 1 to 5, the ends named ("1 – Svært misfornøyd" … "5 – Svært fornøyd").
    const values = q.type === 'scale' ? scaleValues(q) : [];
    const options =
      q.type === 'scale'
        ? values.map((v, i) => ({
            value: String(v),
            label: (
              <>
                {v}
                {i === 0 && q.scaleLabels ? <> – <Text value={q.scaleLabels.min} /></> : null}
                {i === values.length - 1 && q.scaleLabels ? <> – <Text value={q.scaleLabels.max} /></> : null}
              </>
            ),
          }))
        : (q.options ?? []).map((o) => ({ value: o.value, label: <Text value={o.label} /> }));
    return (
      <fieldset id={id} className={q.type === 'scale' ? 'choice-group choice-group--scale' : 'choice-group'} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend>
          <Text value={q.label} />
          <RequiredMark q={q} />
        </legend>
        <Help id={id} q={q} />
        <FieldErrorText id={id} error={error} />
        <div className="choice-group__options">
          {options.map((o, i) => (
            <Field key={o.value} className="choice">
              <Input type={multi ? 'checkbox' : 'radio'} id={`${id}-${i}`} name={name} value={o.value} defaultChecked={selected.has(o.value)} />
              <Label htmlFor={`${id}-${i}`} data-weight="regular">
                {o.label}
              </Label>
            </Field>
          ))}
        </div>
      </fieldset>
    );
  }
  const label = (
    <Label htmlFor={id}>
      <Text value={q.label} />
      <RequiredMark q={q} />
    </Label>
  );
  if (q.type === 'long_text') {
    return (
      <Field>
        {label}
        <Help id={id} q={q} />
        <Textarea id={id} name={name} rows={5} defaultValue={value === undefined ? '' : String(value)} maxLength={q.maxLength ?? DEFAULT_MAX_LENGTH.long_text} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
        <FieldErrorText id={id} error={error} />
      </Field>
    );
  }
  const type = q.type === 'integer' ? 'text' : q.type === 'phone' ? 'tel' : q.type;
  return (
    <Field>
      {label}
      <Help id={id} q={q} />
      <Input
        id={id}
        name={name}
        type={type}
        inputMode={q.type === 'integer' ? 'numeric' : undefined}
        autoComplete={q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : undefined}
        defaultValue={value === undefined ? '' : String(value)}
        maxLength={q.type === 'text' || q.type === 'email' || q.type === 'phone' ? (q.maxLength ?? DEFAULT_MAX_LENGTH[q.type]) : undefined}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      <FieldErrorText id={id} error={error} />
    </Field>
  );
}

/**
 * The fields of a questionnaire, generated from its definition: radios, checkboxes, text areas and inputs, each
 * labelled in server-rendered HTML, with help text and the error for that question.
 */
export function QuestionnaireFields({
  definition,
  values,
  errors,
  idPrefix = 'q-',
}: {
  definition: QuestionnaireDefinition;
  values?: Answers | Record<string, unknown> | undefined;
  /** Keyed `answers.<question id>`, as the validation reports them. */
  errors?: Record<string, string> | undefined;
  idPrefix?: string;
}) {
  return (
    <div className="questionnaire">
      {definition.questions.map((q) => (
        <QuestionField key={q.id} q={q} value={values?.[q.id] as AnswerValue | undefined} error={errors?.[`answers.${q.id}`]} idPrefix={idPrefix} />
      ))}
    </div>
  );
}
