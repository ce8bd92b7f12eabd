import { Tag } from '@digdir/designsystemet-react';
import { ListSection } from '../../../web/components/lists.js';
import { Text, usePage, useHref } from '../../../web/context.js';
import type { AgencyDeclarationRow } from '../../declarations/queries.js';
import { StateTag } from '../../procurements/pages.js';
import type { SectionContext } from './context.js';

/** The agency's answers to procurements (opt-outs, accessions), each linking to its form, with its state. */
export function DeclarationsSection({ s, declarations }: { s: SectionContext; declarations: AgencyDeclarationRow[] }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <ListSection title={t.mine.declarations} id="declarations" items={declarations} none={t.declaration.noneYet} keyOf={(d) => d.id} item={(d) => (
      <>
        <a href={href(`/anskaffelser/${d.procurement.id}/erklaering?virksomhet=${s.agency.orgnr}`)}>
          <Text value={d.procurement.title} />
        </a>{' '}
        <StateTag state={d.procurement.status} />{' '}
        <Tag data-size="sm" data-color={d.withdrawnAt ? 'neutral' : 'success'}>
          {d.withdrawnAt ? t.declaration.withdrawnStatus : t.declaration.statusOf[d.kind]}
        </Tag>
      </>
    )} />
  );
}
