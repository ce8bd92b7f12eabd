import type { LocalizedText } from '../../domain/catalogue.js';
import { Text, useHref } from '../context.js';

/** A link to one of our own pages, named by data (`<a href><Text/></a>`); the path is without the language prefix. */
export function NamedLink({ to, name }: { to: string; name: LocalizedText }) {
  const href = useHref();
  return (
    <a href={href(to)}>
      <Text value={name} />
    </a>
  );
}

/** A link to a service's page. */
export const ServiceLink = ({ service }: { service: { slug: string; name: LocalizedText } }) => <NamedLink to={`/tjenester/${service.slug}`} name={service.name} />;

/** A link to a provider's page. */
export const ProviderLink = ({ provider }: { provider: { slug: string; name: LocalizedText } }) => <NamedLink to={`/leverandorer/${provider.slug}`} name={provider.name} />;
