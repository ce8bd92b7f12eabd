import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/**
 * A list of items, or a sentence saying there are none ("Ingen kommentarer ennå."). The empty list element stays,
 * as the pages have always rendered it.
 */
export function ListOrNone<T>({
  items,
  none,
  as: List = 'ul',
  className = 'link-list',
  keyOf,
  children,
}: {
  items: readonly T[];
  none: string;
  as?: 'ul' | 'ol';
  className?: string;
  keyOf: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  return (
    <>
      {items.length === 0 ? <Paragraph>{none}</Paragraph> : null}
      <List className={className}>
        {items.map((x) => (
          <li key={keyOf(x)}>{children(x)}</li>
        ))}
      </List>
    </>
  );
}
