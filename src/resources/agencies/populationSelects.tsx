import type { LocalizedText } from '../../domain/catalogue.js';
import { ORGANISATION_KINDS } from '../../domain/catalogue.js';
import { SIZE_CLASSES, type SizeThresholds } from '../../domain/sizeClass.js';
import { FilterSelect, labelled } from '../../web/components/filterFields.js';
import { usePage, useText } from '../../web/context.js';
import { sizeClassText } from './sizeClassText.js';

/**
 * The selects that narrow a population of agencies — ministry area, kind (when `allKinds` names its "all" option)
 * and size class — for the agency list and the statistics pages. Ids are `<idPrefix>-ministry` and so on.
 */
export function PopulationSelects(props: {
  idPrefix: string;
  ministries: { orgnr: string; name: LocalizedText }[];
  q: { ministry?: string | undefined; kind?: string | undefined; size?: string | undefined };
  thresholds: SizeThresholds;
  allKinds?: string | undefined;
}) {
  const { t } = usePage();
  const text = useText();
  const { idPrefix: p, q, thresholds } = props;
  const sizes = SIZE_CLASSES.filter((c) => c !== 'gap' || thresholds.largeAbove > thresholds.mediumMax);
  return (
    <>
      <FilterSelect id={`${p}-ministry`} name="ministry" label={t.agency.filterMinistry} value={q.ministry} all={t.agency.allMinistries} options={props.ministries.map((m) => ({ value: m.orgnr, label: text(m.name) }))} />
      {props.allKinds === undefined ? null : <FilterSelect id={`${p}-kind`} name="kind" label={t.agency.filterKind} value={q.kind} all={props.allKinds} options={labelled(ORGANISATION_KINDS, t.vocab.orgKind)} />}
      <FilterSelect id={`${p}-size`} name="size" label={t.agency.filterSize} value={q.size} all={t.agency.allSizes} options={labelled(sizes, (c) => sizeClassText(t, c, thresholds))} />
    </>
  );
}
