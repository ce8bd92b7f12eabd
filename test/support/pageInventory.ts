import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { createSession } from '../../src/auth/sessions.js';
import type { Executor } from '../../src/db/database.js';
import { ideas, needs, networks, surveys, users } from '../../src/db/schema/index.js';
import type { App } from '../../src/server/types.js';

/** The demo users, one per role (data/demo/users.json). */
export const DEMO_ROLES = {
  agencyEditor: { email: 'lise.berg@lottstift.example', agency: '982391490' },
  providerEditor: { email: 'siri.aas@sis.example', provider: 'statens-innkjopssenter' },
  ministryViewer: { email: 'mona.dahl@kud.example', ministry: '972417866' },
  admin: { email: 'anne.vik@dfo.example' },
} as const;
export type DemoRole = keyof typeof DEMO_ROLES;
export const ROLES = Object.keys(DEMO_ROLES) as DemoRole[];

/** A real session for the demo user of the role: cookie and CSRF token. */
export async function demoSession(db: Executor, role: DemoRole): Promise<{ token: string; cookie: string; csrf: string }> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ROLES[role].email));
  if (!u) throw new Error(`demo user for ${role} missing: is the demo dataset loaded?`);
  const s = await createSession(db, u.id, { idleMinutes: 60, maxHours: 2 });
  return { token: s.token, cookie: `ft_session=${s.token}`, csrf: s.csrfToken };
}

/** A bokmål page route (GET, not the API, sign-in plumbing or a download) with a concrete URL. */
export interface PageSample {
  route: string;
  url: string;
}

const NOT_PAGES = [/^\/metrics$/, /^\/(healthz|readyz)$/, /^\/api(\/|$)/, /^\/auth\//, /^\/assets\//, /^\/(nn|en)(\/|$)/, /\/tabeller\/:file$/, /\.(csv|xlsx|ttl|jsonld|json|ics|atom|xml)$/, /^\/feeds\//];

type Samples = Record<string, string>;

/**
 * Values for route parameters, by the route's pattern. A route whose parameter has no sample makes
 * `pageSamples` throw: a new page type is then added here, never silently skipped.
 */
const PARAMS: [RegExp, (s: Samples) => Record<string, string>][] = [
  [/^\/tjenester\/:slug(\/|$)/, (s) => ({ slug: s.service! })],
  [/^\/nettverk\/:slug(\/|$)/, (s) => ({ slug: s.network! })],
  [/^\/behov\/:id(\/|$)/, (s) => ({ id: s.need! })],
  [/^\/ideer\/:id(\/|$)/, (s) => ({ id: s.idea! })],
  [/^\/undersokelser\/:id(\/|$)/, (s) => ({ id: s.survey! })],
  [/^\/(statistikk\/)?leverandorer\/:slug(\/|$)/, (s) => ({ slug: s.provider! })],
  [/^\/omrader\/:slug(\/|$)/, (s) => ({ slug: s.area! })],
  [/^\/virksomheter\/:orgnr(\/|$)/, (s) => ({ orgnr: s.agency! })],
  [/^\/min-side\/virksomhet\/:orgnr$/, (s) => ({ orgnr: s.agency! })],
  [/^\/(min-side\/departement|statistikk\/departementer)\/:orgnr$/, (s) => ({ orgnr: s.ministry! })],
  [/^\/anskaffelser\/:id(\/|$)/, (s) => ({ id: s.procurement! })],
  [/^\/min-side\/leverandor\/:slug\/ikke-bruk$/, (s) => ({ slug: s.provider! })],
  [/^\/(kvalitet|admin\/innhenting)\/:slug(\/|$)/, (s) => ({ slug: s.provider! })],
];

/** Every page route of the app with a URL to visit, from the app's own route inventory and the demo data. */
export async function pageSamples(app: App): Promise<PageSample[]> {
  const { db } = app.deps.database;
  const first = async <T>(rows: Promise<T[]>): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error('pageSamples needs the demo dataset');
    return row;
  };
  const get = async (url: string) => (await app.inject({ url })).json() as { items: Record<string, string>[] };
  const procurements = (await get('/api/v1/procurements')).items;
  const samples: Samples = {
    service: (await get('/api/v1/services?limit=1')).items[0]!.slug!,
    area: (await get('/api/v1/areas')).items[0]!.slug!,
    provider: DEMO_ROLES.providerEditor.provider,
    agency: DEMO_ROLES.agencyEditor.agency,
    ministry: DEMO_ROLES.ministryViewer.ministry,
    procurement: (procurements.find((p) => p.status === 'consultation') ?? procurements[0])!.id!,
    network: (await first(db.select({ slug: networks.slug }).from(networks).orderBy(networks.slug).limit(1))).slug,
    need: (await first(db.select({ id: needs.id }).from(needs).orderBy(needs.createdAt).limit(1))).id,
    idea: (await first(db.select({ id: ideas.id }).from(ideas).orderBy(ideas.createdAt).limit(1))).id,
    // The survey open longest: its answer page is a form, not a "closed" notice.
    survey: (await first(db.select({ id: surveys.id }).from(surveys).orderBy(desc(surveys.closesOn)).limit(1))).id,
  };
  const out: PageSample[] = [];
  const seen = new Set<string>();
  for (const r of app.routeInventory) {
    if (r.method !== 'GET' || NOT_PAGES.some((re) => re.test(r.url)) || r.url.includes('*')) continue;
    const route = r.url.replace(/\/$/, '') || '/';
    if (seen.has(route)) continue;
    seen.add(route);
    let url = route;
    if (route.includes(':')) {
      const rule = PARAMS.find(([re]) => re.test(route));
      if (!rule) throw new Error(`No sample parameters for the page route ${route}: add one to test/support/pageInventory.ts`);
      const values = rule[1](samples);
      url = route.replace(/:(\w+)/g, (_m, name: string) => {
        const v = values[name];
        if (!v) throw new Error(`No sample for :${name} in ${route}`);
        return encodeURIComponent(v);
      });
    }
    out.push({ route, url });
  }
  return out;
}

/** The same page in another language (bokmål has no prefix). */
export function inLanguage(url: string, lang: 'nb' | 'nn' | 'en'): string {
  if (lang === 'nb') return url;
  return url === '/' ? `/${lang}` : `/${lang}${url}`;
}

/** The language prefixes of the portal and the language codes its markup names (all valid BCP 47 tags). */
const LANGUAGE_PREFIX = /( (?:action|src)=")\/(?:nn|en)(?:\/|(?=["?]))/g;
const LANGUAGE_CODE = / (lang|hrefLang)="(?:nb|nn|en)"/gi;
/** A link within the portal: where it goes is not axe's concern (a link to a fragment, which is, is kept). */
const PORTAL_LINK = / href="\/[^"]*"/g;
/** Attributes whose value is words shown or read out to the user: only whether they are empty matters to axe. */
const TEXT_ATTRIBUTE = / (aria-label|aria-description|aria-valuetext|title|alt|placeholder|value|content)="([^"]*)"/g;

/**
 * What axe sees of a page apart from who is signed in and which words it is written in: the document as served,
 *
 * - without the user menu (the one part of the layout that names the user) and the language switch (the one part
 *   that marks which language is current); both are checked on the home page of every role in every language;
 * - without the session's CSRF token and the script nonce;
 * - with every text node and every text attribute (label, title, alt, placeholder, value) reduced to "empty" or
 *   "not empty": the words, and so the order of lists sorted by them, differ between languages;
 * - with links within the portal reduced to `/` (fragment links are kept), the language prefix of forms dropped,
 *   the document's language made one and the marking of a part in another language (`lang="nb"` on a name in a
 *   nynorsk page) dropped: nb, nn and en are all valid tags;
 * - with the numbers inside charts' SVG reduced to 0 (the coordinates move with the width of the axis labels) and
 *   `xml:space` (ECharts adds it to labels with a space at either end) dropped.
 *
 * Two visits with the same fingerprint show axe the same elements, attributes, ids, roles, names present or missing,
 * colours and styles, so one check covers both: the WCAG A/AA rules we run judge those, not the words. (The one rule
 * where the length of a text could matter, `scrollable-region-focusable`, cannot fire on our scrolling regions: each
 * `.table-scroll` is focusable whatever its width.) A translation that leaves a label, a name or a heading empty
 * changes the fingerprint, so that page is checked in the browser.
 */
export function markupFingerprint(html: string): string {
  const normalized = html
    .replace(/<div class="user-menu">[\s\S]*?<\/div>/, '<div class="user-menu"></div>')
    .replace(/<nav aria-label="[^"]*" class="lang-switch">[\s\S]*?<\/nav>/, '<nav class="lang-switch"></nav>')
    .replace(/(name="_csrf"[^>]*value=")[^"]*"/g, '$1"')
    .replace(/(value=")[^"]*("[^>]*name="_csrf")/g, '$1$2')
    .replace(/ nonce="[^"]*"/g, '')
    .replace(/>([^<]*)</g, (_m, text: string) => (text.trim() ? '>T<' : '><'))
    .replace(TEXT_ATTRIBUTE, (_m, name: string, value: string) => ` ${name}="${value.trim() ? 'T' : ''}"`)
    .replace(LANGUAGE_PREFIX, '$1/')
    .replace(PORTAL_LINK, ' href="/"')
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/-?\d+(\.\d+)?/g, '0').replace(/ xml:space="preserve"/g, ''))
    .replace(/<html([^>]*) lang="(?:nb|nn|en)"/, '<html$1 lang="L"')
    .replace(LANGUAGE_CODE, '');
  return createHash('sha256').update(normalized).digest('hex');
}

/** The statistics pages test/e2e/stats.test.ts checks (axe, strict CSP) signed out in bokmål and English. */
export const STATS_PAGES = [
  '/statistikk',
  '/statistikk/dekning',
  '/statistikk/dekning?size=gap&page=1',
  '/statistikk/hull',
  '/statistikk/bruk',
  '/statistikk/bruk?provider=dfo',
  '/statistikk/utvikling',
  '/statistikk/utvikling?area=lonn',
  '/statistikk/fravalg',
  '/statistikk/tilfredshet-og-gevinster',
  '/statistikk/leverandorer/dfo',
  '/statistikk/departementer',
  '/statistikk/departementer/872417842',
  '/virksomheter/982391490/hva-kan-vi-bruke',
];
