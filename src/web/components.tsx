import { Button, Card, Field, Heading, Input, Label, Link, Paragraph, Tag, Textarea } from '@digdir/designsystemet-react';
import { Fragment, type ReactNode } from 'react';
import type { FactSource, LocalizedText, ServiceKind, ServiceStatus } from '../domain/catalogue.js';
import { Text, usePage, useHref } from './context.js';
import { TextLink, ServiceLink } from './components/links.js';
import { VocabularyTag } from './components/tags.js';

/**
 * Shared page pieces. Designsystemet's composite form components are wired up in the browser by
 * @digdir/designsystemet-web, which we do not ship; so fields here are built from Field + Label htmlFor + Input id,
 * which is labelled in server-rendered HTML too.
 */

/** A field's help text, referred to by aria-describedby (`<id>-desc`). */
function FieldDescription({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <Paragraph data-size="sm" id={`${id}-desc`} className="field-description">
      {text}
    </Paragraph>
  );
}

/** A field's error, referred to by aria-describedby (`<id>-error`). */
export function FieldErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="ds-validation-message field-error" id={`${id}-error`} data-color="danger">
      {error}
    </p>
  );
}

const describedByOf = (p: { id: string; description?: string | undefined; error?: string | undefined }) =>
  [p.description ? `${p.id}-desc` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');

/** The label, help text and error around one control; `control` gets the aria attributes that tie them to it. */
function DescribedField(props: {
  id: string;
  label: string;
  description?: string | undefined;
  error?: string | undefined;
  children: (aria: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const describedBy = describedByOf(props);
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      <FieldDescription id={props.id} text={props.description} />
      {props.children({ 'aria-invalid': props.error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      <FieldErrorText id={props.id} error={props.error} />
    </Field>
  );
}

export function TextField(props: {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  description?: string;
  type?: 'text' | 'search' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'url';
  required?: boolean;
  error?: string | undefined;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'search' | 'url';
  placeholder?: string;
}) {
  return (
    <DescribedField {...props}>
      {(aria) => (
        <Input
          id={props.id}
          name={props.name}
          type={props.type ?? 'text'}
          defaultValue={props.value}
          required={props.required}
          {...aria}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
          inputMode={props.inputMode}
          placeholder={props.placeholder}
        />
      )}
    </DescribedField>
  );
}

/** A labelled text area, with a description and an error like TextField. */
export function TextAreaField(props: { id: string; name: string; label: string; value?: string | undefined; description?: string; error?: string | undefined; maxLength?: number; rows?: number }) {
  return (
    <DescribedField {...props}>
      {(aria) => <Textarea id={props.id} name={props.name} rows={props.rows ?? 5} defaultValue={props.value} maxLength={props.maxLength} {...aria} />}
    </DescribedField>
  );
}

/**
 * A card in a list whose heading links to what it shows (services, networks, areas, the collaboration entrances):
 * the heading, a short meta line under it, then whatever the list adds (a summary, tags).
 */
export function LinkCard({ href, title, meta, size = '2xs', className = 'service-card', children }: { href: string; title: ReactNode; meta?: ReactNode; size?: '2xs' | 'xs'; className?: string; children?: ReactNode }) {
  return (
    <Card data-color="neutral" className={className}>
      <Heading level={2} data-size={size}>
        <a href={href}>{title}</a>
      </Heading>
      {meta === undefined ? null : (
        <Paragraph data-size="sm" className="service-card__meta">
          {meta}
        </Paragraph>
      )}
      {children}
    </Card>
  );
}

/** A required file chooser in the design system's field; `accept` lists the extensions and media types taken. */
export function FileField({ id, label, accept }: { id: string; label: string; accept: string }) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <input id={id} name="file" type="file" className="ds-input" accept={accept} required />
    </Field>
  );
}

/**
 * The previewed file carried into the confirming form (its name, the counts shown and its bytes), so what is applied
 * is exactly what was previewed; the server refuses it when the counts no longer match.
 */
export function PreviewedFile({ file, counts }: { file: { name?: string | null | undefined; bytes: Buffer }; counts: unknown }) {
  return (
    <>
      <input type="hidden" name="fileName" value={file.name ?? ''} />
      <input type="hidden" name="expectedCounts" value={JSON.stringify(counts)} />
      <input type="hidden" name="fileBase64" value={file.bytes.toString('base64')} />
    </>
  );
}

/**
 * Radios or checkboxes under one legend (a fieldset), labelled in server-rendered HTML. The fieldset carries the
 * id, so an error summary can link to it.
 */
export function ChoiceField(props: {
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: ReactNode }[];
  value?: string | readonly string[] | undefined;
  multiple?: boolean;
  description?: string;
  error?: string | undefined;
}) {
  const selected = new Set([props.value ?? []].flat());
  const describedBy = describedByOf(props);
  return (
    <fieldset id={props.id} className="choice-group" aria-describedby={describedBy || undefined} aria-invalid={props.error ? true : undefined}>
      <legend>{props.legend}</legend>
      <FieldDescription id={props.id} text={props.description} />
      <FieldErrorText id={props.id} error={props.error} />
      <div className="choice-group__options">
        {props.options.map((o, i) => (
          <Field key={o.value} className="choice">
            <Input type={props.multiple ? 'checkbox' : 'radio'} id={`${props.id}-${i}`} name={props.name} value={o.value} defaultChecked={selected.has(o.value)} />
            <Label htmlFor={`${props.id}-${i}`} data-weight="regular">
              {o.label}
            </Label>
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckboxField(props: { id: string; name: string; value: string; label: ReactNode; checked?: boolean }) {
  return (
    <Field>
      <Input type="checkbox" id={props.id} name={props.name} value={props.value} defaultChecked={props.checked} />
      <Label htmlFor={props.id} data-weight="regular">
        {props.label}
      </Label>
    </Field>
  );
}

export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  options: { value: string; label: string; group?: string }[];
  error?: string | undefined;
}) {
  // Options with a `group` are put under <optgroup>s, in the order the groups first appear.
  const groups = [...new Set(props.options.map((o) => o.group))];
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <Field>
      <Label htmlFor={props.id}>{props.label}</Label>
      <select
        className="ds-input"
        id={props.id}
        name={props.name}
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {groups.map((g) =>
          g === undefined ? (
            <Fragment key="">{props.options.filter((o) => o.group === undefined).map(option)}</Fragment>
          ) : (
            <optgroup key={g} label={g}>
              {props.options.filter((o) => o.group === g).map(option)}
            </optgroup>
          ),
        )}
      </select>
      <FieldErrorText id={props.id} error={props.error} />
    </Field>
  );
}

/** The catalogue search box; a plain GET form, so it works without JavaScript. */
export function SearchForm({ value, id = 'site-search', size = 'md' }: { value?: string | undefined; id?: string; size?: 'md' | 'lg' }) {
  const { t } = usePage();
  const href = useHref();
  return (
    <form role="search" action={href('/tjenester')} method="get" className={`search-form search-form--${size}`}>
      <Field className="search-form__field">
        <Label htmlFor={id}>{t.common.searchLabel}</Label>
        <div className="search-form__row">
          <Input id={id} name="q" type="search" defaultValue={value} maxLength={200} placeholder={t.common.searchPlaceholder} autoComplete="off" />
          <Button type="submit">{t.common.search}</Button>
        </div>
      </Field>
    </form>
  );
}

/** `lang` on an item: its label is data that fell back to another language than the page's (see `useTextLang`). */
export function Breadcrumbs({ items }: { items: { label: string; href?: string; lang?: string | undefined }[] }) {
  const { t } = usePage();
  return (
    <nav aria-label={t.common.breadcrumbs} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            {item.href && i < items.length - 1 ? (
              <a href={item.href} lang={item.lang}>
                {item.label}
              </a>
            ) : (
              <span aria-current="page" lang={item.lang}>
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const STATUS_COLOR: Record<ServiceStatus, 'success' | 'info' | 'warning' | 'neutral'> = { active: 'success', pilot: 'info', planned: 'neutral', phasing_out: 'warning' };

export function StatusTag({ status }: { status: ServiceStatus }) {
  const { t } = usePage();
  return <VocabularyTag value={status} colors={STATUS_COLOR} labels={t.vocab.status} />;
}

/** A list of links to services, each with its status (and its kind when it is not a plain service). */
export function ServiceLinks({
  services,
}: {
  services: { slug: string; name: LocalizedText; status: ServiceStatus; kind: ServiceKind; provider?: LocalizedText | undefined }[];
}) {
  const { t } = usePage();
  return (
    <ul className="link-list">
      {services.map((s) => (
        <li key={s.slug}>
          <ServiceLink service={s} />{' '}
          <StatusTag status={s.status} />
          {s.kind !== 'service' ? (
            <>
              {' '}
              <Tag data-size="sm" data-color="info">
                {t.vocab.kind[s.kind]}
              </Tag>
            </>
          ) : null}
          {s.provider ? (
            <span className="block muted">
              <Text value={s.provider} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function SourceNote({ source, reference }: { source: FactSource; reference?: string | null }) {
  const { t } = usePage();
  return (
    <Paragraph data-size="xs" className="source-note">
      {t.common.source}: {t.vocab.factSource[source]}
      {reference ? ` (${reference})` : ''}
    </Paragraph>
  );
}

export function DefinitionList({ items }: { items: { term: string; value: ReactNode }[] }) {
  return (
    <dl className="deflist">
      {items.map((i) => (
        <div key={i.term} className="deflist__row">
          <dt>{i.term}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({
  title,
  children,
  id,
  level = 2,
  className = 'page-section',
}: {
  title: ReactNode;
  children: ReactNode;
  id?: string;
  level?: 2 | 3;
  className?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section className={className} aria-labelledby={headingId} id={id}>
      <Heading level={level} data-size={level === 2 ? 'sm' : 'xs'} id={headingId}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A group under an area heading (h3, linking to the area), for lists "by area". */
export function AreaGroup({ area, children }: { area: { slug: string; name: LocalizedText }; children: ReactNode }) {
  const href = useHref();
  return (
    <Section
      level={3}
      id={`area-${area.slug}`}
      className="area-group"
      title={
        <a href={href(`/omrader/${area.slug}`)}>
          <Text value={area.name} />
        </a>
      }
    >
      {children}
    </Section>
  );
}

/** A data table: caption (visible or for screen readers only), column headers with scope, rows from the caller. */
export function DataTable({ caption, captionHidden, columns, children }: { caption: ReactNode; captionHidden?: boolean; columns: string[]; children: ReactNode }) {
  return (
    <table className="ds-table data-table" data-size="sm">
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The side column of a detail page: a card of facts with its source, then anything else (related links, JSON). */
export function FactsAside({ title, items, source, children }: { title: string; items: { term: string; value: ReactNode }[]; source: ReactNode; children?: ReactNode }) {
  return (
    <aside className="two-col__side" aria-labelledby="facts-heading">
      <Card data-color="neutral" className="facts-card">
        <Heading level={2} data-size="xs" id="facts-heading">
          {title}
        </Heading>
        <DefinitionList items={items} />
        {source}
      </Card>
      {children}
    </aside>
  );
}

/** A link to an agency's page, by organisation number. */
export function OrgLink({ org }: { org: { orgnr: string; name: LocalizedText } }) {
  return <TextLink path={`/virksomheter/${org.orgnr}`} value={org.name} />;
}

/** A link to an outside address, shown without the scheme ("dfo.no"). */
export function WebLink({ url }: { url: string }) {
  return <Link href={url}>{url.replace(/^https?:\/\//, '').replace(/\/$/, '')}</Link>;
}

/** A link to the JSON of what the page shows (the open API). */
export function JsonLink({ href }: { href: string }) {
  return (
    <Paragraph data-size="sm">
      <a href={href}>JSON</a>
    </Paragraph>
  );
}

/** `titleLang`: the title is data in another language than the page's (a bokmål fallback on an English page). */
export function PageHeader({ title, titleLang, lead, children }: { title: string; titleLang?: string | undefined; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <Heading level={1} data-size="lg" lang={titleLang}>
        {title}
      </Heading>
      {lead ? <Paragraph data-size="lg" className="lead">{lead}</Paragraph> : null}
      {children}
    </div>
  );
}

/** Page links that keep every other query parameter. */
export function Pager({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const { t } = usePage();
  if (pageCount <= 1) return null;
  const pages = new Set<number>([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) items.push('gap');
    items.push(p);
  });
  return (
    <nav aria-label={t.catalogue.pagination} className="pager">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev" className="ds-button" data-variant="tertiary">
              {t.catalogue.previous}
            </a>
          </li>
        ) : null}
        {items.map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} aria-hidden="true" className="pager__gap">
              …
            </li>
          ) : (
            <li key={p}>
              <a
                href={hrefFor(p)}
                className="ds-button"
                data-variant={p === page ? 'primary' : 'tertiary'}
                aria-current={p === page ? 'page' : undefined}
                aria-label={t.catalogue.page(p, pageCount)}
              >
                {p}
              </a>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next" className="ds-button" data-variant="tertiary">
              {t.catalogue.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Build a query string from a record; arrays become repeated parameters; empty values are left out. */
export function queryString(params: Record<string, string | number | readonly string[] | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, x);
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}
