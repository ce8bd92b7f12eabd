import { Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { EARLY_OUTCOMES, EARLY_STEPS, type EarlyMilestoneKind, type EarlyStep } from '../../domain/earlyInvolvement.js';
import { ChoiceField, Section, TextAreaField, TextField } from '../../web/components.js';
import { useHref, usePage } from '../../web/context.js';
import { ErrorSummary, type Errors, formState, PostForm, Refusal } from '../../web/forms.js';
import type { EarlyInvolvement } from './queries.js';

/** A form on the procurement page that was posted and came back with errors (which form, what was typed). */
export interface PostedForm {
  form: string;
  values: Record<string, string>;
  errors: Errors;
  /** A refusal (409) that belongs to no field. */
  refusal?: string | undefined;
}

export interface EarlyProps {
  procurementId: string;
  planned: boolean;
  e: EarlyInvolvement;
  step: EarlyStep;
  may: { survey: boolean; council_recommendation: boolean; decision: boolean };
  today: string;
  posted?: PostedForm | undefined;
}

const fieldId = (form: string) => (f: string) => `${form}-${f}`;

/**
 * The procurement page's "early involvement" section (issue 17, item 2): the needs survey, Statens innkjøpsråd's
 * recommendation and DFØ's decision as dated steps with their documents, and the forms to record them (no JS).
 */
export function EarlySection({ procurementId, planned, e, step, may, today, posted }: EarlyProps) {
  const { t, fmt } = usePage();
  const href = useHref();
  const te = t.early;
  if (!planned && !e.needsSurvey && e.milestones.length === 0) return null;
  const stepIndex = step === 'done' ? EARLY_STEPS.length : EARLY_STEPS.indexOf(step);
  const day = fmt.date;
  return (
    <Section title={te.title} id="early">
      <Paragraph>{te.lead}</Paragraph>
      <ol className="early-steps">
        {EARLY_STEPS.map((s, i) => {
          const m = s === 'needs_survey' ? undefined : e.milestones.find((x) => x.kind === s);
          return (
            <li key={s} aria-current={i === stepIndex ? 'step' : undefined}>
              <Heading level={3} data-size="2xs">
                {te.steps[s]}
              </Heading>
              {s === 'needs_survey' ? (
                e.needsSurvey ? (
                  <>
                    <Paragraph>
                      {te.surveyDates(day(e.needsSurvey.opensOn), day(e.needsSurvey.closesOn))} {te.surveyAnswered(e.needsSurvey.responses, e.needsSurvey.eligible)}
                    </Paragraph>
                    <Paragraph>
                      <a href={href(`/undersokelser/${e.needsSurvey.id}`)}>{te.surveyOpen}</a>
                    </Paragraph>
                  </>
                ) : (
                  <Paragraph>{te.surveyNone}</Paragraph>
                )
              ) : m ? (
                <>
                  <Paragraph>
                    <Tag data-size="sm" data-color={m.outcome === 'recommended' || m.outcome === 'proceed' ? 'success' : 'danger'}>
                      {te.outcome[m.outcome as keyof typeof te.outcome]}
                    </Tag>{' '}
                    {te.decidedOn}: {day(m.decidedOn)}
                  </Paragraph>
                  {m.summary ? <Paragraph>{m.summary}</Paragraph> : null}
                  <Paragraph data-size="sm">
                    {te.document}: {m.documentUrl ? <a href={m.documentUrl}>{m.documentTitle}</a> : m.documentTitle}
                    {m.documentRef ? ` (${te.reference(m.documentRef)})` : null}
                  </Paragraph>
                </>
              ) : (
                <Paragraph>{te.notRecorded}</Paragraph>
              )}
            </li>
          );
        })}
      </ol>
      {planned && may.survey && !e.needsSurvey ? <NeedsSurveyForm procurementId={procurementId} today={today} posted={posted?.form === 'needs_survey' ? posted : undefined} /> : null}
      {planned
        ? (['council_recommendation', 'decision'] as const)
            .filter((k) => may[k] && !e.milestones.some((m) => m.kind === k) && (k === 'council_recommendation' || e.milestones.some((m) => m.kind === 'council_recommendation')))
            .map((k) => <MilestoneForm key={k} procurementId={procurementId} kind={k} today={today} posted={posted?.form === k ? posted : undefined} />)
        : null}
    </Section>
  );
}

function NeedsSurveyForm({ procurementId, today, posted }: { procurementId: string; today: string; posted: PostedForm | undefined }) {
  const { t } = usePage();
  const href = useHref();
  const { e, v } = formState(posted?.values ?? {}, posted?.errors ?? []);
  return (
    <div className="action-card">
      <Heading level={3} data-size="2xs">
        {t.early.startSurvey}
      </Heading>
      <Paragraph data-size="sm">{t.early.startSurveyHelp}</Paragraph>
      <Refusal text={posted?.refusal} />
      <ErrorSummary errors={posted?.errors ?? []} fieldId={fieldId('needs')} />
      <PostForm action={href(`/anskaffelser/${procurementId}/behovskartlegging`)} id="form-needs-survey">
        <TextField id="needs-opensOn" name="opensOn" type="date" label={t.early.opensOn} value={v('opensOn') ?? today} required error={e.opensOn} />
        <TextField id="needs-closesOn" name="closesOn" type="date" label={t.early.closesOn} value={v('closesOn')} required error={e.closesOn} />
        <Button type="submit">{t.early.startSurvey}</Button>
      </PostForm>
    </div>
  );
}

function MilestoneForm({ procurementId, kind, today, posted }: { procurementId: string; kind: EarlyMilestoneKind; today: string; posted: PostedForm | undefined }) {
  const { t } = usePage();
  const href = useHref();
  const te = t.early;
  const { e, v } = formState(posted?.values ?? {}, posted?.errors ?? []);
  const id = (f: string) => `${kind}-${f}`;
  return (
    <div className="action-card">
      <Heading level={3} data-size="2xs">
        {te.recordTitle(te.steps[kind])}
      </Heading>
      <Refusal text={posted?.refusal} />
      <ErrorSummary errors={posted?.errors ?? []} fieldId={fieldId(kind)} />
      <PostForm action={href(`/anskaffelser/${procurementId}/tidlig-involvering`)} id={`form-${kind}`}>
        <input type="hidden" name="kind" value={kind} />
        <TextField id={id('decidedOn')} name="decidedOn" type="date" label={te.decidedOn} value={v('decidedOn') ?? today} required error={e.decidedOn} />
        <ChoiceField id={id('outcome')} name="outcome" legend={te.outcomeLabel} options={EARLY_OUTCOMES[kind].map((o) => ({ value: o, label: te.outcome[o] }))} value={v('outcome')} error={e.outcome} />
        <TextAreaField id={id('summary')} name="summary" label={te.summary} value={v('summary')} maxLength={2000} rows={3} />
        <TextField id={id('documentTitle')} name="documentTitle" label={te.documentTitle} value={v('documentTitle')} required maxLength={300} error={e.documentTitle} />
        <TextField id={id('documentUrl')} name="documentUrl" type="url" label={te.documentUrl} description={te.documentHelp} value={v('documentUrl')} maxLength={1000} error={e.documentUrl} />
        <TextField id={id('documentRef')} name="documentRef" label={te.documentRef} value={v('documentRef')} maxLength={200} />
        <Button type="submit">{te.record}</Button>
      </PostForm>
    </div>
  );
}
