import type { ReactNode } from 'react';
import { DefinitionList, Section } from '../components.js';

/** The "Om …" section of a detail page: the description, then its facts as a definition list, then any extras. */
export function AboutSection({ title, description, facts, children }: { title: string; description: ReactNode; facts: { term: string; value: ReactNode }[]; children?: ReactNode }) {
  return (
    <Section title={title} id="about">
      {description}
      <DefinitionList items={facts} />
      {children}
    </Section>
  );
}

/** A detail page's body: the main column, and beside it (below it on narrow screens) the facts or actions. */
export function TwoColumns({ side, children }: { side: ReactNode; children: ReactNode }) {
  return (
    <div className="two-col">
      <div className="two-col__main">{children}</div>
      {side}
    </div>
  );
}
