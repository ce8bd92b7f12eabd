import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { LocalizedText } from '../../domain/catalogue.js';
import { AreaGroup, Section } from '../components.js';

/** A section of things grouped by area (an AreaGroup each, drawn by `group`), or `none` when there are no groups; `children` follow. */
export function AreaGroupsSection<G extends { key: string; head: { slug: string; name: LocalizedText } }>(props: { title: string; id: string; none: string; groups: readonly G[]; group: (g: G) => ReactNode; children?: ReactNode }) {
  return (
    <Section title={props.title} id={props.id}>
      {props.groups.length === 0 ? <Paragraph>{props.none}</Paragraph> : null}
      {props.groups.map((g) => (
        <AreaGroup key={g.key} area={g.head}>
          {props.group(g)}
        </AreaGroup>
      ))}
      {props.children}
    </Section>
  );
}
