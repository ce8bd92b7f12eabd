/**
 * A page rendered once with a placeholder (the slot) where a value the visitor typed goes, and filled per request
 * (issue 16): an uncached search page is the same markup for every query that shows the same services, except the
 * query itself. The query reaches a page in three forms, and the slot is replaced in each:
 *
 * - as text or an attribute value, escaped as React escapes (the title, the heading, the search box);
 * - as a query parameter, encoded as `URLSearchParams` encodes (links to this page sorted, filtered or paged, the
 *   downloads, the page in another language);
 * - inside a URL that is itself a query parameter (`encodeURIComponent` of the above: the sign-in link's `returnTo`).
 *
 * The slot is two private-use characters, so its three forms are distinct from each other and from anything the
 * data holds; a value that itself holds a private-use character is never filled in (`fillable`), and a page in
 * which the slot shows in any other form (cut short, changed) is never made a template (`makeTemplate`).
 */
export const SLOT = '\uE000\uE001';

const PRIVATE_USE = /[\uE000-\uF8FF]/;
const ESCAPED = /["&'<>]/g;
const ENTITY: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };

/** Text or an attribute value as React's server renderer escapes it (its `escapeTextForBrowser`). */
export function escapeHtml(s: string): string {
  return s.replace(ESCAPED, (c) => ENTITY[c]!);
}

/** A query parameter's value as `URLSearchParams` writes it (application/x-www-form-urlencoded). */
export function formEncode(s: string): string {
  return new URLSearchParams([['', s]]).toString().slice(1);
}

const FORMS: ((s: string) => string)[] = [escapeHtml, formEncode, (s) => encodeURIComponent(formEncode(s))];
const SLOT_FORMS = FORMS.map((f) => f(SLOT));
const FORM_SOURCE = SLOT_FORMS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const ANY_FORM = new RegExp(FORM_SOURCE, 'g');
const HAS_FORM = new RegExp(FORM_SOURCE);
/** What is left of a slot some other way: a private-use character (U+E000–U+F8FF), or one percent-encoded, once or more. */
const STRAY = /[\uE000-\uF8FF]|%(?:25)*E[EF](?:%(?:25)*[89AB][0-9A-F]){2}/i;

/** The value may be put in a slot: it holds no private-use character (such a value is rendered the usual way). */
export function fillable(value: string): boolean {
  return !PRIVATE_USE.test(value);
}

/** The page shows its slot, and only in the three forms above (checked once, when the template is made). */
function usableTemplate(template: string): boolean {
  return HAS_FORM.test(template) && !STRAY.test(template.replace(ANY_FORM, ''));
}

/**
 * A template, kept as the UTF-8 bytes between its slots: filling it copies bytes instead of encoding the whole page
 * anew (turning a page's string into bytes was a tenth of a search's CPU once the render was gone, issue 16), and
 * what is put in is never scanned again.
 */
export interface Template {
  /** The bytes before, between and after the slots: one more than `slots`. */
  parts: Buffer[];
  /** Which form each slot takes (an index into the forms above). */
  slots: number[];
  bytes: number;
}

/** The page as a template, or undefined when it is not a usable one (`usableTemplate`). */
export function makeTemplate(html: string): Template | undefined {
  if (!usableTemplate(html)) return undefined;
  const parts: Buffer[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of html.matchAll(ANY_FORM)) {
    parts.push(Buffer.from(html.slice(last, m.index)));
    slots.push(SLOT_FORMS.indexOf(m[0]));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(html.slice(last)));
  return { parts, slots, bytes: parts.reduce((n, p) => n + p.length, 0) };
}

/** The page's bytes with `value` in every slot, each in its form. */
export function fillTemplate(template: Template, value: string): Buffer {
  const forms = FORMS.map((f) => Buffer.from(f(value)));
  const chunks: Buffer[] = [template.parts[0]!];
  template.slots.forEach((form, i) => chunks.push(forms[form]!, template.parts[i + 1]!));
  return Buffer.concat(chunks);
}
