import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { LocalizedText } from '../../domain/catalogue.js';
import { Text, useHref } from '../context.js';

/** A link to one of our pages (path without the language prefix), named by localized text from the data. */
export function TextLink({ path, value }: { path: string; value: LocalizedText | null | undefined }) {
  const href = useHref();
  return (
    <a href={href(path)}>
      <Text value={value} />
    </a>
  );
}

/** Links in running text, separated by commas: "Lønn, Regnskap". */
export function LinkSeries<T extends { slug: string; name: LocalizedText }>({ items, path }: { items: readonly T[]; path: (item: T) => string }) {
  return (
    <>
      {items.map((x, i) => (
        <span key={x.slug}>
          {i > 0 ? ', ' : ''}
          <TextLink path={path(x)} value={x.name} />
        </span>
      ))}
    </>
  );
}

/** A list of links to agencies, each optionally followed by a note ("medlem siden …"). */
export function OrgList<T extends { orgnr: string; name: LocalizedText }>({ orgs, className = 'link-list', note }: { orgs: readonly T[]; className?: string; note?: (org: T) => ReactNode }) {
  return (
    <ul className={className}>
      {orgs.map((o) => (
        <li key={o.orgnr}>
          <TextLink path={`/virksomheter/${o.orgnr}`} value={o.name} />
          {note ? <> {note(o)}</> : null}
        </li>
      ))}
    </ul>
  );
}

/** A paragraph that is one link to one of our pages ("Se samlet oversikt"). */
export function LinkParagraph({ path, label }: { path: string; label: string }) {
  const href = useHref();
  return (
    <Paragraph>
      <a href={href(path)}>{label}</a>
    </Paragraph>
  );
}

/** A link to a service's page. */
export const ServiceLink = ({ service }: { service: { slug: string; name: LocalizedText } }) => <TextLink path={`/tjenester/${service.slug}`} value={service.name} />;

/** A link to a provider's page. */
export const ProviderLink = ({ provider }: { provider: { slug: string; name: LocalizedText } }) => <TextLink path={`/leverandorer/${provider.slug}`} value={provider.name} />;
