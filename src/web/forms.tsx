import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { Type } from 'typebox';
import { usePage } from './context.js';
import { usePageKit } from './pageKit.js';

/**
 * A posted HTML form: every field a string, and — where the form has checkboxes — string lists for repeated
 * fields. The limits are the form's: `formBody({ maxLength: 500 })` for short fields only.
 */
export function formBody(limits: { maxLength: number; list?: { maxLength: number; maxItems: number } }) {
  const text = Type.String({ maxLength: limits.maxLength });
  const list = limits.list ? Type.Array(Type.String({ maxLength: limits.list.maxLength }), { maxItems: limits.list.maxItems }) : undefined;
  return Type.Object({}, { additionalProperties: list ? Type.Union([text, list]) : text });
}

/** The usual posted form: text up to 5,000 characters, checkbox lists up to 60 values. */
export const FormBody = formBody({ maxLength: 5000, list: { maxLength: 300, maxItems: 60 } });
/** A form's values as posted, for showing the form again. */
export type FormValues = Record<string, string | string[]>;
/** Field errors, as a 400 problem carries them: one message per field. */
export type Errors = { field: string; message: string }[];
/** `?ok=<what>` after a post-redirect-get, for the confirmation (`Notice`). */
export const OkQuery = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 40 })) });

/** A field's first value, for forms where a field may come repeated. */
export const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * A form's posted values and field errors, as its fields read them: `v('title')`, `e.title`, or all four of a
 * field's usual props at once: `<TextField {...field('title')} label=… />` (id `f-title`, name, value, error).
 */
export function formState(values: FormValues, errors: Errors) {
  const e = errorMap(errors);
  const v = (k: string) => one(values[k]);
  return { e, v, field: (k: string) => ({ id: `f-${k}`, name: k, value: v(k), error: e[k] }) };
}

/**
 * What a page with a form reads first: the page's messages and user, links in its language, localized text, and
 * the form's errors (`e`) and submitted values (`v`).
 */
export function useFormPage(values: FormValues, errors: Errors) {
  return { ...usePageKit(), ...formState(values, errors) };
}

/** The session's CSRF token, in every POST form. */
export function CsrfField() {
  const { csrfToken } = usePage();
  return csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null;
}

/** A POST form that carries the CSRF token. */
export function PostForm({ action, children, className, id }: { action: string; children: ReactNode; className?: string; id?: string }) {
  return (
    <form method="post" action={action} className={className ?? 'stack-form'} id={id} noValidate>
      <CsrfField />
      {children}
    </form>
  );
}

/** A one-button POST form (withdraw, sign out …). */
export function PostButton({ action, label, variant = 'secondary', hidden }: { action: string; label: string; variant?: 'primary' | 'secondary' | 'tertiary'; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={action} className="inline-form">
      <CsrfField />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" variant={variant} data-size="sm">
        {label}
      </Button>
    </form>
  );
}

/**
 * The GOV.UK and Designsystemet pattern: a summary of what is wrong at the top of a form, each item a link to its
 * field. Field ids follow the forms' convention (the field name with dots as dashes, answers as q-<id>). The summary
 * takes the focus when the page loads (HTML `autofocus` on a `tabindex=-1` box: no JavaScript needed), so after a
 * refused submit the keyboard and the screen reader start at what to fix. Every form that shows errors uses it.
 */
export function ErrorSummary({ errors, fieldId }: { errors: Errors; fieldId?: (field: string) => string }) {
  const { t } = usePage();
  if (errors.length === 0) return null;
  const idOf = fieldId ?? ((f: string) => (f.startsWith('answers.') ? `q-${f.slice(8)}` : `f-${f}`));
  return (
    <Alert data-color="danger" className="page-alert error-summary" role="alert" tabIndex={-1} autoFocus>
      <Heading level={2} data-size="xs">
        {t.forms.errorSummary}
      </Heading>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a href={`#${idOf(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** Why something was refused (a 409: the window has closed, the idea is done …), announced to screen readers. */
export function Refusal({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <Alert data-color="danger" className="page-alert" role="alert">
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}

/**
 * A confirmation after a POST-redirect-GET (?ok=…), announced to screen readers and focused on load (the HTML
 * `autofocus` attribute, so without JavaScript too): the keyboard continues from the confirmation, not the page top.
 */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <Alert data-color="success" className="page-alert" role="status" tabIndex={-1} autoFocus>
      {text}
    </Alert>
  );
}

export function errorMap(errors: Errors): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}
