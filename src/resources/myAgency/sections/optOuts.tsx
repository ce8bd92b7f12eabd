import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { LocalizedText } from '../../../domain/catalogue.js';
import type { QuestionnaireDefinition } from '../../../domain/questionnaire.js';
import { Section, SelectField } from '../../../web/components.js';
import { Text, usePage, useHref, useText } from '../../../web/context.js';
import { PostButton, PostForm } from '../../../web/forms.js';
import { QuestionnaireFields } from '../../../web/questionnaireFields.js';
import type { OwnServiceOptOut } from '../queries.js';
import { answerLine, type SectionContext, serviceChoices } from './context.js';

/** Voluntary non-use: the services the agency has said it does not use, with its reasons; withdrawable. */
export function OptOutsSection({ s, optOuts, definition, services }: { s: SectionContext; optOuts: OwnServiceOptOut[]; definition: QuestionnaireDefinition; services: { slug: string; name: LocalizedText }[] }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const { v, errs } = s;
  return (
    <Section title={t.mine.optOuts} id="optouts">
      <Paragraph>{t.mine.optOutsLead}</Paragraph>
      {optOuts.length === 0 ? <Paragraph>{t.mine.noOptOuts}</Paragraph> : null}
      <ul className="link-list">
        {optOuts.map((o) => (
          <li key={o.id}>
            <strong>
              <Text value={o.service.name} />
            </strong>
            : {answerLine(definition, o.answers, text, fmt.number)} <span className="muted">({fmt.date(o.declaredAt)})</span>{' '}
            {s.edit ? <PostButton action={href(`${s.base}/fravalg/${o.id}/trekk`)} label={t.mine.withdrawOptOut(text(o.service.name))} variant="tertiary" /> : null}
          </li>
        ))}
      </ul>
      {s.edit ? (
        <PostForm action={href(`${s.base}/fravalg`)}>
          <SelectField id="optouts-service" name="service" label={t.usage.service} value={v('optouts', 'service')} options={serviceChoices(t.usage.chooseService, services, text)} error={errs('optouts').service} />
          <QuestionnaireFields definition={definition} values={s.form === 'optouts' ? Object.fromEntries(Object.entries(s.values).filter(([k]) => k.startsWith('q_')).map(([k, x]) => [k.slice(2), x])) : undefined} errors={errs('optouts')} />
          <Button type="submit" variant="secondary">{t.mine.declareOptOut}</Button>
        </PostForm>
      ) : null}
    </Section>
  );
}
