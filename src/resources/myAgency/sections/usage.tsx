import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { LocalizedText } from '../../../domain/catalogue.js';
import { DataTable, Section, SelectField, TextField } from '../../../web/components.js';
import { Text, usePage, useHref, useText } from '../../../web/context.js';
import { PostButton, PostForm } from '../../../web/forms.js';
import type { UsageRow } from '../../usage/queries.js';
import type { TierOption } from '../queries.js';
import { type SectionContext, serviceChoices } from './context.js';
import { endReasonText } from '../../../web/codeLabels.js';
import { StatDownloads } from '../../../web/export/StatTableView.js';
import { ServiceLink } from '../../../web/components/links.js';
import { RowTable } from '../../../web/components/rowTable.js';

/** The usage register: the services in use now (each can be ended), a form to register one, and the history. */
export function UsageSection({ s, usage, services, tiers }: { s: SectionContext; usage: UsageRow[]; services: { slug: string; name: LocalizedText }[]; tiers: TierOption[] }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const { v, errs } = s;
  const current = usage.filter((u) => u.endedOn === null);
  const history = usage.filter((u) => u.endedOn !== null);
  return (
    <Section title={t.usage.title} id="usage">
      <Paragraph>{t.usage.lead}</Paragraph>
      <RowTable caption={t.usage.current} captionShown columns={[t.agency.service, t.agency.tier, t.agency.since, t.usage.actions]} rows={current} none={t.agency.usesNone} noneRow rowKey={(u) => u.id} head={(u) => <ServiceLink service={u.service} />} cells={(u) => (
        <>
          <td>{u.tier?.name ? <Text value={u.tier.name} /> : t.agency.notStated}</td>
          <td>{u.startedOn ? fmt.date(u.startedOn) : t.agency.notStated}</td>
          <td>
            {s.edit ? (
              <PostButton action={href(`${s.base}/bruk/avslutt`)} label={t.usage.end(text(u.service.name))} variant="tertiary" hidden={{ service: u.service.slug }} />
            ) : null}
          </td>
        </>
      )} />
      {s.edit ? (
        <PostForm action={href(`${s.base}/bruk`)}>
          <SelectField id="usage-service" name="service" label={t.usage.service} value={v('usage', 'service')} options={serviceChoices(t.usage.chooseService, services, text)} error={errs('usage').service} />
          <TierSelect tiers={tiers} value={v('usage', 'tier')} error={errs('usage').tier} />
          <TextField id="usage-since" name="since" type="date" label={t.usage.since} description={t.usage.sinceHelp} value={v('usage', 'since')} error={errs('usage').since} />
          <Button type="submit" variant="secondary">{t.usage.register}</Button>
        </PostForm>
      ) : null}
      {history.length ? (
        <DataTable caption={t.usage.history} columns={[t.agency.service, t.agency.tier, t.usage.period, t.usage.endReason]}>
          {history.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Text value={u.service.name} />
              </th>
              <td>{u.tier?.name ? <Text value={u.tier.name} /> : '–'}</td>
              <td>
                {u.startedOn ? fmt.date(u.startedOn) : '?'} – {u.endedOn ? fmt.date(u.endedOn) : ''}
              </td>
              <td>{endReasonText(t, u.endReason) ?? '–'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {usage.length > 0 ? <StatDownloads table={{ id: 'bruksregister', title: t.tables.usage }} download={{ path: href(s.base), query: '' }} /> : null}
    </Section>
  );
}

/**
 * The service model, grouped by service (only a few services have models). Works without JavaScript: the command
 * refuses a model that does not belong to the chosen service, with a message saying so.
 */
function TierSelect({ tiers: list, value, error }: { tiers: TierOption[]; value: string | undefined; error: string | undefined }) {
  const { t } = usePage();
  const text = useText();
  const groups = list.reduce<Map<string, { name: LocalizedText; items: TierOption[] }>>((m, x) => {
    const g = m.get(x.service.slug) ?? { name: x.service.name, items: [] };
    g.items.push(x);
    return m.set(x.service.slug, g);
  }, new Map());
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor="usage-tier">
        {t.usage.tier}
      </label>
      <p className="ds-paragraph field-description" data-size="sm" id="usage-tier-desc">
        {t.usage.tierHelp}
      </p>
      <select className="ds-input" id="usage-tier" name="tier" defaultValue={value ?? ''} aria-describedby={error ? 'usage-tier-desc usage-tier-error' : 'usage-tier-desc'} aria-invalid={error ? true : undefined}>
        <option value="">{t.usage.noTier}</option>
        {[...groups.entries()].map(([slug, g]) => (
          <optgroup key={slug} label={text(g.name)}>
            {g.items.map((x) => (
              <option key={x.slug} value={x.slug}>
                {text(x.name)}
                {x.current ? '' : ` (${t.usage.legacyTier})`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error ? (
        <p className="ds-validation-message field-error" id="usage-tier-error" data-color="danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
