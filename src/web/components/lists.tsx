import { Paragraph } from '@digdir/designsystemet-react';
import type { Key, ReactNode } from 'react';
import { Section } from '../components.js';
import { useHref } from '../context.js';

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

/** A plain list (`ul.link-list` unless told), one `<li>` an item, drawn by `item`. */
export function ItemList<T>({ items, keyOf, item, className = 'link-list' }: { items: readonly T[]; keyOf: (x: T) => Key; item: (x: T) => ReactNode; className?: string }) {
  return (
    <ul className={className}>
      {items.map((x) => (
        <li key={keyOf(x)}>{item(x)}</li>
      ))}
    </ul>
  );
}

/** A list of links to our own pages: `[path, label]` pairs, the path without the language prefix. */
export function PathLinks({ links }: { links: readonly (readonly [path: string, label: string])[] }) {
  const href = useHref();
  return <ItemList items={links} keyOf={([path]) => path} item={([path, label]) => <a href={href(path)}>{label}</a>} />;
}

/**
 * A page section around an ItemList. With `none` the section always shows, saying `none` above the (then empty) list;
 * without, an empty list leaves the section out. `children` come after the list.
 */
export function ListSection<T>(props: { title: ReactNode; id: string; items: readonly T[]; none?: ReactNode; keyOf: (x: T) => Key; item: (x: T) => ReactNode; children?: ReactNode }) {
  const { title, id, items, none, children } = props;
  if (items.length === 0 && none === undefined) return null;
  return (
    <Section title={title} id={id}>
      {items.length === 0 ? <Paragraph>{none}</Paragraph> : null}
      <ItemList items={items} keyOf={props.keyOf} item={props.item} />
      {children}
    </Section>
  );
}
