import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { escapeHtml, fillable, fillTemplate, formEncode, makeTemplate, SLOT } from './slot.js';

/** A page in miniature: the value as text, as an attribute, as a query parameter and inside a returnTo. */
const render = (value: string) => {
  const self = `/tjenester?q=${formEncode(value)}&sort=name`;
  return renderToString(
    h('div', { title: value }, h('h1', null, `Søk etter «${value}»`), h('a', { href: self }, 'nb'), h('a', { href: `/logg-inn?returnTo=${encodeURIComponent(self)}` }, 'inn'), h('input', { defaultValue: value })),
  );
};

const awkward = ['lønn', 'a b', 'a+b', '50%', '"quoted" & <b>tag</b>', "it's", '$& $1 $$', 'æøå ÆØÅ', '🙂 emoji', '%EE%80%80', 'q=1&x=2', '\\', ' leading and trailing ', '\t'];

describe('a slot filled per request', () => {
  it('escapes as React does, in text and in attributes', () => {
    for (const v of awkward) {
      expect(renderToString(h('p', { title: v }, v))).toBe(`<p title="${escapeHtml(v)}">${escapeHtml(v)}</p>`);
    }
  });

  it('a filled template is the page rendered with the value, in UTF-8, for awkward values', () => {
    const template = makeTemplate(render(SLOT))!;
    // An attribute, a heading, a parameter, a parameter inside a returnTo, an input's value.
    expect(template.slots).toEqual([0, 0, 1, 2, 0]);
    for (const v of awkward) expect(fillTemplate(template, v).toString('utf8'), v).toBe(render(v));
  });

  it('what is put in is not read again: a value that spells a slot form stays as typed', () => {
    const template = makeTemplate(render(SLOT))!;
    const spelled = formEncode(SLOT);
    expect(spelled).toBe('%EE%80%80%EE%80%81');
    for (const v of [spelled, encodeURIComponent(spelled)]) expect(fillTemplate(template, v).toString('utf8')).toBe(render(v));
  });

  it('refuses values and templates it cannot fill faithfully', () => {
    expect(fillable('lønn')).toBe(true);
    expect(fillable(`a${SLOT}`)).toBe(false);
    expect(fillable('\uF000')).toBe(false);
    // No slot at all, a slot cut short, a slot in a form it does not know (encoded three times, in lower case).
    expect(makeTemplate(`<p>${SLOT}</p>`)).toBeDefined();
    expect(makeTemplate('<p>lønn</p>')).toBeUndefined();
    expect(makeTemplate(`<p>${SLOT}</p><p>${SLOT.slice(0, 1)}</p>`)).toBeUndefined();
    expect(makeTemplate(`<p>${SLOT}</p><a href="?x=${encodeURIComponent(encodeURIComponent(encodeURIComponent(SLOT)))}">`)).toBeUndefined();
    expect(makeTemplate(`<p>${SLOT}</p><a href="?x=${encodeURIComponent(SLOT).toLowerCase()}">`)).toBeUndefined();
  });
});
