import type { LocalizedText } from '../../domain/catalogue.js';
import { Breadcrumbs } from '../components.js';
import { usePage, useHref, useText, useTextLang } from '../context.js';

/**
 * The breadcrumbs of a detail page: home, the list the page belongs to, its parent when it has one, then the page's
 * own name. Names from the data say their language when it is not the page's.
 */
export function DetailCrumbs({ list, parent, name }: { list: [label: string, path: string]; parent?: { name: LocalizedText; path: string } | undefined; name: LocalizedText }) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  const langOf = useTextLang();
  const up = parent ? [{ label: text(parent.name), href: href(parent.path), lang: langOf(parent.name) }] : [];
  return <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: list[0], href: href(list[1]) }, ...up, { label: text(name), lang: langOf(name) }]} />;
}
