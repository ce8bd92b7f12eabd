import { Button, Paragraph } from '@digdir/designsystemet-react';
import type { LocalizedText } from '../../../domain/catalogue.js';
import { ChoiceField, Section } from '../../../web/components.js';
import { Text, usePage, useHref, useText } from '../../../web/context.js';
import { PostForm } from '../../../web/forms.js';
import type { SectionContext } from './context.js';

/** The areas the agency handles in-house (so it is not counted in the gap), each with the day it said so. */
export function InHouseSection({ s, areas, inHouse }: { s: SectionContext; areas: { slug: string; name: LocalizedText }[]; inHouse: { areaSlug: string; declaredOn: string }[] }) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  return (
    <Section title={t.mine.inHouse} id="inhouse">
      <Paragraph>{t.mine.inHouseLead}</Paragraph>
      {s.edit ? (
        <PostForm action={href(`${s.base}/egne-omrader`)}>
          <ChoiceField
            id="inhouse-areas"
            name="areas"
            multiple
            legend={t.mine.inHouseLegend}
            options={areas.map((ar) => {
              const since = inHouse.find((h) => h.areaSlug === ar.slug);
              return { value: ar.slug, label: since ? `${text(ar.name)} (${t.mine.inHouseSince(fmt.date(since.declaredOn))})` : text(ar.name) };
            })}
            value={s.form === 'inhouse' ? [s.values.areas ?? []].flat().map(String) : inHouse.map((h) => h.areaSlug)}
            error={s.errs('inhouse').areas}
          />
          <Button type="submit" variant="secondary">{t.mine.saveInHouse}</Button>
        </PostForm>
      ) : inHouse.length === 0 ? (
        <Paragraph>{t.mine.inHouseNone}</Paragraph>
      ) : (
        <ul className="link-list">
          {inHouse.map((h) => (
            <li key={h.areaSlug}>
              <Text value={areas.find((ar) => ar.slug === h.areaSlug)?.name ?? { nb: h.areaSlug }} /> ({t.mine.inHouseSince(fmt.date(h.declaredOn))})
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
