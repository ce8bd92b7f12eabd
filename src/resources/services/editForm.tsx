import { Fragment, type ReactNode } from 'react';
import type { TSchema } from 'typebox';
import { ChoiceField, SelectField, TextAreaField, TextField } from '../../web/components.js';
import { usePage } from '../../web/context.js';
import type { Errors, FormValues } from '../../web/forms.js';
import type { ServiceDocument } from '../../domain/serviceDocument.js';
import { ServiceDocumentSchema } from './editSchema.js';

/**
 * The service edit form, generated from the API's TypeBox schema (editSchema.ts): every field the API accepts is
 * a field here, named by its path ("name.nn", "tiers.2.slug"), so a 400's errors land next to their fields. Lists
 * show their rows and one blank row to add another (no JavaScript needed); clearing a row removes it. The same
 * walk reads a posted form back into a document (`documentFromForm`).
 */

type Json = {
  type?: string;
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  const?: unknown;
  maxLength?: number;
  pattern?: string;
  required?: string[];
};

const LANGS = ['nb', 'nn', 'en'] as const;
const isLocalized = (s: Json) => s.type === 'object' && !!s.properties && Object.keys(s.properties).every((k) => (LANGS as readonly string[]).includes(k)) && 'nb' in s.properties;
const nonNull = (s: Json): Json => (s.anyOf && s.anyOf.some((a) => a.type === 'null') ? (s.anyOf.find((a) => a.type !== 'null') ?? s) : s);
const enumValues = (s: Json): string[] | undefined => (s.anyOf && s.anyOf.every((a) => a.const !== undefined) ? s.anyOf.map((a) => String(a.const)) : undefined);
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

/** The top-level fields in the form's sections, in order. */
export const SECTIONS: { key: string; fields: (keyof ServiceDocument)[] }[] = [
  { key: 'basics', fields: ['name', 'summary', 'description', 'kind', 'slug'] },
  { key: 'classification', fields: ['area', 'model'] },
  { key: 'target', fields: ['targetGroup', 'targetDescription', 'targetMinistry', 'obligation'] },
  { key: 'status', fields: ['status', 'launchedOn', 'plannedOn', 'phasedOutOn'] },
  { key: 'financing', fields: ['financing', 'financingNote', 'prices'] },
  { key: 'tiers', fields: ['tiers'] },
  { key: 'levels', fields: ['serviceLevels', 'supportChannels'] },
  { key: 'join', fields: ['howToJoin', 'website', 'reportedUsers', 'reportedUsersYear', 'reportedUsersNote'] },
  { key: 'relations', fields: ['parent', 'related', 'keywords'] },
  { key: 'source', fields: ['sourceNote'] },
];

const propertiesOf = (schema: TSchema) => (schema as unknown as Json).properties!;

/** Flat form values (path → string or list) from a service document, for showing it in the form. */
export const formValuesOf = (doc: ServiceDocument): FormValues => formValuesFor(ServiceDocumentSchema, doc);

/** A posted service form read back into a document (not yet validated: the command validates it like the API's body). */
export const documentFromForm = (body: FormValues): Record<string, unknown> => documentFromFormFor(ServiceDocumentSchema, body);

/** Flat form values from a document of any of the editing schemas (services, providers, areas). */
export function formValuesFor(schema: TSchema, doc: object): FormValues {
  const out: FormValues = {};
  const walk = (schema: Json, value: unknown, path: string) => {
    const s = nonNull(schema);
    if (value === null || value === undefined) return;
    if (s.type === 'object' && s.properties) {
      for (const k of Object.keys(s.properties)) walk(s.properties[k]!, (value as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    if (s.type === 'array') {
      const items = value as unknown[];
      if (enumValues(s.items!)) out[path] = items.map(String);
      else if (s.items!.type === 'string') out[path] = items.join('\n');
      else items.forEach((item, i) => walk(s.items!, item, `${path}.${i}`));
      return;
    }
    out[path] = typeof value === 'boolean' ? (value ? 'true' : '') : String(value);
  };
  for (const [k, sub] of Object.entries(propertiesOf(schema))) walk(sub, (doc as Record<string, unknown>)[k], k);
  return out;
}

/** A posted form read back into a document of the schema, field by field as the form named them. */
export function documentFromFormFor(schema: TSchema, body: FormValues): Record<string, unknown> {
  const str = (path: string) => {
    const v = body[path];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const has = (prefix: string) => Object.keys(body).some((k) => k === prefix || k.startsWith(`${prefix}.`));
  const read = (schema: Json, path: string): unknown => {
    const nullable = !!schema.anyOf?.some((a) => a.type === 'null');
    const s = nonNull(schema);
    if (isLocalized(s)) {
      const t: Record<string, string> = { nb: str(`${path}.nb`) };
      for (const l of ['nn', 'en'] as const) if (str(`${path}.${l}`).trim()) t[l] = str(`${path}.${l}`);
      return nullable && !t.nb!.trim() && !t.nn && !t.en ? null : t;
    }
    if (s.type === 'object' && s.properties) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(s.properties)) o[k] = read(s.properties[k]!, `${path}.${k}`);
      return nullable && Object.values(o).every((v) => v === null || v === '') ? null : o;
    }
    if (s.type === 'array') {
      if (enumValues(s.items!)) return [body[path] ?? []].flat().filter(Boolean);
      if (s.items!.type === 'string') return str(path).split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
      const rows: unknown[] = [];
      for (let i = 0; has(`${path}.${i}`); i++) {
        const row = read(s.items!, `${path}.${i}`);
        if (!isBlankRow(s.items!, `${path}.${i}`)) rows.push(row);
      }
      return rows;
    }
    if (s.type === 'boolean') return str(path) === 'true';
    const raw = str(path);
    if (s.type === 'number' || s.type === 'integer') {
      if (!raw.trim()) return nullable ? null : raw;
      const n = Number(raw.replace(',', '.').replace(/\s/g, ''));
      return Number.isFinite(n) ? n : raw;
    }
    if (nullable && !raw.trim()) return null;
    return raw;
  };
  /** A row left empty (the blank row for adding, or one the user cleared): every typed field empty. */
  const isBlankRow = (schema: Json, path: string): boolean =>
    Object.keys(body)
      .filter((k) => k.startsWith(`${path}.`))
      .every((k) => {
        const leaf = k.slice(path.length + 1);
        const leafSchema = leaf.split('.').reduce<Json | undefined>((s, part) => nonNull(s ?? {}).properties?.[part], schema);
        // Checkboxes and choices from a list always send something: only what was typed makes a row.
        const leafType = nonNull(leafSchema ?? {});
        return leafType.type === 'boolean' || !!enumValues(leafType) || !str(k).trim();
      });
  const doc: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(propertiesOf(schema))) doc[k] = read(sub, k);
  return doc;
}

export interface FormChoices {
  /** Options for a field by path instead of free text (areas, ministries). */
  options: Record<string, { value: string; label: string }[]>;
}

/** The form's fields for one section, from the schema (the service's unless another is given, with its labels). */
export function SchemaSection({
  keys,
  values,
  errors,
  choices,
  schema = ServiceDocumentSchema,
  labels: ownLabels,
}: {
  keys: string[];
  values: FormValues;
  errors: Errors;
  choices: FormChoices;
  schema?: TSchema;
  labels?: Record<string, string>;
}) {
  const { t } = usePage();
  const e = Object.fromEntries(errors.map((x) => [x.field, x.message]));
  const labels: Record<string, string> = ownLabels ?? t.serviceEditing.fields;
  const vocabFor: Record<string, Record<string, string>> = {
    kind: t.vocab.kind,
    model: t.vocab.model,
    obligation: t.vocab.obligation,
    targetGroup: t.vocab.target,
    status: t.vocab.status,
    financing: t.vocab.financing,
    supportChannels: t.vocab.channel,
    'tiers.kind': t.serviceEditing.tierKind,
    'prices.unit': t.vocab.priceUnit,
  };
  const generic = (path: string) => path.replace(/\.\d+/g, '');
  const labelOf = (path: string) => labels[generic(path)] ?? path;
  const v = (path: string) => {
    const x = values[path];
    return Array.isArray(x) ? x[0] : x;
  };

  const render = (schema: Json, path: string): ReactNode => {
    const s = nonNull(schema);
    const label = labelOf(path);
    const id = fieldId(path);
    if (isLocalized(s)) {
      const long = (s.properties!.nb!.maxLength ?? 0) > 300;
      return (
        <fieldset key={path} id={id} className="localized-field">
          <legend>{label}</legend>
          {LANGS.map((l) => {
            const p = `${path}.${l}`;
            const props = { id: fieldId(p), name: p, label: `${label} (${t.serviceEditing.language[l]})`, value: v(p), error: e[p], maxLength: s.properties![l]!.maxLength };
            return long ? <TextAreaField key={p} {...props} rows={l === 'nb' ? 5 : 3} /> : <TextField key={p} {...props} />;
          })}
          {e[path] ? <p className="field-error">{e[path]}</p> : null}
        </fieldset>
      );
    }
    const values_ = enumValues(s);
    if (values_) {
      const vocab = vocabFor[generic(path)] ?? {};
      return <SelectField key={path} id={id} name={path} label={label} value={v(path)} error={e[path]} options={values_.map((x) => ({ value: x, label: vocab[x] ?? x }))} />;
    }
    if (choices.options[path]) {
      const nullable = !!schema.anyOf?.some((a) => a.type === 'null');
      return <SelectField key={path} id={id} name={path} label={label} value={v(path)} error={e[path]} options={[...(nullable ? [{ value: '', label: t.serviceEditing.none }] : []), ...choices.options[path]!]} />;
    }
    if (s.type === 'object' && s.properties) {
      return (
        <fieldset key={path} id={id} className="object-field">
          <legend>{label}</legend>
          {Object.keys(s.properties).map((k) => render(s.properties![k]!, `${path}.${k}`))}
        </fieldset>
      );
    }
    if (s.type === 'array') {
      const itemEnum = enumValues(s.items!);
      if (itemEnum) {
        const vocab = vocabFor[generic(path)] ?? {};
        return <ChoiceField key={path} id={id} name={path} legend={label} multiple value={[values[path] ?? []].flat()} error={e[path]} options={itemEnum.map((x) => ({ value: x, label: vocab[x] ?? x }))} />;
      }
      if (s.items!.type === 'string') return <TextAreaField key={path} id={id} name={path} label={label} value={v(path)} error={e[path]} rows={3} />;
      let count = 0;
      while (Object.keys(values).some((k) => k.startsWith(`${path}.${count}.`) || k === `${path}.${count}`)) count++;
      return (
        <fieldset key={path} id={id} className="list-field">
          <legend>{label}</legend>
          {e[path] ? <p className="field-error">{e[path]}</p> : null}
          {Array.from({ length: count + 1 }, (_, i) => (
            <fieldset key={i} className="list-field__row">
              <legend>{i < count ? `${label} ${i + 1}` : `${label}: ${t.serviceEditing.addRow}`}</legend>
              {isLocalized(nonNull(s.items!)) ? (
                <Fragment>{render({ ...s.items!, properties: s.items!.properties }, `${path}.${i}`)}</Fragment>
              ) : (
                Object.keys(nonNull(s.items!).properties ?? {}).map((k) => render(nonNull(s.items!).properties![k]!, `${path}.${i}.${k}`))
              )}
            </fieldset>
          ))}
        </fieldset>
      );
    }
    if (s.type === 'boolean') {
      // A checkbox sends nothing when unchecked; the blank row for a new item starts checked.
      const isBlank = !Object.keys(values).some((k) => k === path);
      const checked = isBlank ? /\.current$/.test(path) && !values[path.replace(/\.current$/, '.slug')] : v(path) === 'true';
      return (
        <div key={path} className="checkbox-field">
          <input type="checkbox" id={id} name={path} value="true" defaultChecked={checked} />
          <label htmlFor={id}>{label}</label>
        </div>
      );
    }
    const numeric = s.type === 'number' || s.type === 'integer';
    const type = s.pattern?.startsWith('^https?') ? 'url' : path.endsWith('email') ? 'email' : 'text';
    return (
      <TextField
        key={path}
        id={id}
        name={path}
        label={label}
        value={v(path)}
        error={e[path]}
        type={type}
        {...(numeric ? { inputMode: 'numeric' as const } : {})}
        {...(s.maxLength ? { maxLength: s.maxLength } : {})}
      />
    );
  };
  return <>{keys.map((k) => render(propertiesOf(schema)[k]!, k))}</>;
}
