import { Tag } from '@digdir/designsystemet-react';

export type TagColor = 'neutral' | 'info' | 'warning' | 'success' | 'danger';

/** A small tag for one value of a vocabulary (a service's status, a procurement's state): its colour and label by value. */
export function VocabularyTag<V extends string>({ value, colors, labels }: { value: V; colors: Record<V, TagColor>; labels: Record<V, string> }) {
  return (
    <Tag data-color={colors[value]} data-size="sm">
      {labels[value]}
    </Tag>
  );
}
