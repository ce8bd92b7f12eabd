import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { Section } from '../components.js';

/** A section of running text: a heading, then one paragraph for each entry of `paragraphs`. */
export function ProseSection({ title, id, paragraphs }: { title: string; id: string; paragraphs: ReactNode[] }) {
  return (
    <Section title={title} id={id}>
      {paragraphs.map((p, i) => (
        <Paragraph key={i}>{p}</Paragraph>
      ))}
    </Section>
  );
}
