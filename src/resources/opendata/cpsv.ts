import { DataFactory, type Quad } from 'n3';
import type { FinancingModel, Language, LocalizedText, ServiceStatus, SupportChannel } from '../../domain/catalogue.js';
import { LANGUAGES } from '../../domain/catalogue.js';
import { messages } from '../../web/i18n/index.js';
import type { CatalogueSnapshot, ExportOrganisation, ExportService } from './queries.js';
import {
  adms,
  cpsvno,
  cv,
  dcat,
  dcatno,
  dct,
  DISTRIBUTION_STATUS,
  enhetsregisteretUri,
  EU_LANGUAGE,
  foaf,
  NLOD_2_0,
  NOK,
  NORWAY,
  org,
  PUBLISHER_TYPE,
  rdf,
  ROLE_TYPE,
  SERVICE_CHANNEL_TYPE,
  skos,
  vcard,
  xsd,
} from './vocabulary.js';

/**
 * The catalogue as CPSV-AP-NO (v1.1) RDF. Services offered to other agencies are `cpsvno:Service` (the class
 * CPSV-AP-NO added for services that are not public services to citizens and businesses); its shape requires a
 * title, a description, an identifier, an owner (`cv:ownedBy`) and a contact point. Organisations are named by
 * their Enhetsregisteret URI and typed in the document, since the shapes check the class of every linked node.
 * Pure: snapshot in, quads out; serialization is in rdf.ts.
 */

const { namedNode, literal, quad } = DataFactory;

export interface CpsvOptions {
  publicUrl: string;
  /** Describe the catalogue (dcat:Catalog) too: the whole-catalogue document does, a single service's does not. */
  includeCatalog: boolean;
}

/** Stable URIs: the service page (bokmål, no language prefix) is the service; the API path is the catalogue. */
export const serviceUri = (publicUrl: string, slug: string) => `${publicUrl}/tjenester/${slug}`;
export const catalogUri = (publicUrl: string) => `${publicUrl}/api/v1/catalog`;
const areaUri = (publicUrl: string, slug: string) => `${publicUrl}/omrader/${slug}`;
const areaSchemeUri = (publicUrl: string) => `${publicUrl}/omrader`;

export function organisationUri(o: ExportOrganisation, publicUrl: string): string {
  if (o.orgnr) return enhetsregisteretUri(o.orgnr);
  return `${publicUrl}/leverandorer/${o.providerSlug}`;
}

/** Public bodies are cv:PublicOrganisation; state enterprises and companies are org:Organization. */
function isPublic(o: ExportOrganisation): boolean {
  return o.kind === null || o.kind === 'ministry' || o.kind === 'agency' || o.kind === 'municipality' || o.kind === 'county';
}

/** A web address as an IRI: registers store "www.digdir.no"; anything that is not http(s) is left out. */
export function httpIri(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : /^[\w-]+(\.[\w-]+)+(\/|$)/.test(v) ? `https://${v}` : undefined;
  if (!withScheme) return undefined;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const CHANNEL_TYPES: Partial<Record<SupportChannel, Parameters<typeof SERVICE_CHANNEL_TYPE>[0]>> = {
  phone: 'telephone',
  email: 'e-mail',
  chat: 'online-service',
  chatbot: 'online-service',
  self_service: 'online-service',
  on_site: 'client-location',
  contact_person: 'assistant',
};

const STATUS: Record<ServiceStatus, Parameters<typeof DISTRIBUTION_STATUS>[0]> = {
  planned: 'DEVELOP',
  pilot: 'DEVELOP',
  active: 'COMPLETED',
  phasing_out: 'DEPRECATED',
};

const CATALOG_TEXT = {
  title: {
    nb: 'Fellestjenester – administrative fellestjenester i staten',
    nn: 'Fellestenester – administrative fellestenester i staten',
    en: 'Shared services – administrative shared services in the Norwegian state',
  },
  description: {
    nb: 'Katalog over administrative fellestjenester som statlige virksomheter tilbyr hverandre: hvem som leverer dem, hvem som bruker dem og på hvilke vilkår.',
    nn: 'Katalog over administrative fellestenester som statlege verksemder tilbyr kvarandre: kven som leverer dei, kven som brukar dei og på kva vilkår.',
    en: 'Catalogue of the administrative shared services that Norwegian state agencies offer each other: who provides them, who uses them and on what terms.',
  },
  areas: { nb: 'Tjenesteområder', nn: 'Tenesteområde', en: 'Service areas' },
} satisfies Record<string, LocalizedText>;

/** Collects quads per subject, without duplicates, so the Turtle reads one resource at a time. */
class Graph {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly seen = new Set<string>();

  add(s: string, p: string, o: ReturnType<typeof namedNode> | ReturnType<typeof literal>): void {
    const key = `${s} ${p} ${o.termType} ${o.value} ${o.termType === 'Literal' ? `${o.language}|${o.datatype.value}` : ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let list = this.bySubject.get(s);
    if (!list) this.bySubject.set(s, (list = []));
    list.push(quad(namedNode(s), namedNode(p), o));
  }
  iri(s: string, p: string, o: string | undefined): void {
    if (o) this.add(s, p, namedNode(o));
  }
  type(s: string, cls: string): void {
    this.add(s, rdf('type'), namedNode(cls));
  }
  text(s: string, p: string, t: LocalizedText | null | undefined): void {
    if (!t) return;
    for (const lang of LANGUAGES) {
      const v = t[lang]?.trim();
      if (v) this.add(s, p, literal(v, lang));
    }
  }
  plain(s: string, p: string, v: string | null | undefined): void {
    if (v) this.add(s, p, literal(v));
  }
  typed(s: string, p: string, v: string, datatype: string): void {
    this.add(s, p, literal(v, namedNode(datatype)));
  }
  has(s: string): boolean {
    return this.bySubject.has(s);
  }
  quads(): Quad[] {
    return [...this.bySubject.values()].flat();
  }
}

/** The same words in every UI language, from the message catalogues. */
function localized(pick: (lang: Language) => string | undefined): LocalizedText {
  const t: LocalizedText = { nb: pick('nb') ?? '' };
  const nn = pick('nn');
  const en = pick('en');
  if (nn) t.nn = nn;
  if (en) t.en = en;
  return t;
}

function describeOrganisation(g: Graph, o: ExportOrganisation, publicUrl: string): string {
  const uri = organisationUri(o, publicUrl);
  if (g.has(uri)) return uri;
  g.type(uri, isPublic(o) ? cv('PublicOrganisation') : org('Organization'));
  g.text(uri, skos('prefLabel'), o.name);
  g.plain(uri, dct('identifier'), o.orgnr ?? uri);
  g.iri(uri, dct('spatial'), NORWAY);
  const type =
    o.kind === 'municipality'
      ? PUBLISHER_TYPE('LocalAuthority')
      : o.kind === 'county'
        ? PUBLISHER_TYPE('RegionalAuthority')
        : o.kind === 'company' || o.kind === 'state_enterprise'
          ? PUBLISHER_TYPE('Company')
          : o.kind === 'other'
            ? undefined
            : PUBLISHER_TYPE('NationalAuthority');
  g.iri(uri, dct('type'), type);
  g.iri(uri, foaf('homepage'), httpIri(o.website));
  return uri;
}

function describeNorway(g: Graph): void {
  g.type(NORWAY, dct('Location'));
  g.text(NORWAY, skos('prefLabel'), { nb: 'Norge', nn: 'Noreg', en: 'Norway' });
}

/** One formatter per language: constructing Intl.DateTimeFormat per participation cost seconds on a big catalogue. */
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
function formatDate(iso: string, lang: Language): string {
  let f = dateFormats.get(lang);
  if (!f) dateFormats.set(lang, (f = new Intl.DateTimeFormat(messages[lang].locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

function describeService(g: Graph, e: ExportService, included: Set<string>, publicUrl: string): string {
  const s = e.service;
  const uri = serviceUri(publicUrl, e.slug);
  g.type(uri, cpsvno('Service'));
  g.plain(uri, dct('identifier'), uri);
  g.text(uri, dct('title'), s.name);
  const description: LocalizedText = { nb: s.description.nb?.trim() || s.summary.nb };
  for (const lang of ['nn', 'en'] as const) {
    const v = s.description[lang]?.trim() || s.summary[lang]?.trim();
    if (v) description[lang] = v;
  }
  g.text(uri, dct('description'), description);
  for (const lang of LANGUAGES) if (lang === 'nb' || s.name[lang]) g.iri(uri, dct('language'), EU_LANGUAGE[lang]);
  g.iri(uri, adms('status'), DISTRIBUTION_STATUS(STATUS[s.status]));
  g.iri(uri, dct('spatial'), NORWAY);
  g.iri(uri, foaf('homepage'), httpIri(s.website));
  g.typed(uri, dct('modified'), s.updatedAt.toISOString(), xsd('dateTime'));
  for (const k of keywordsOf(s.keywords)) g.add(uri, dcat('keyword'), literal(k, 'nb'));

  // Owner: the provider's legal entity. For a public body it is also the competent authority (CPSV's term).
  const owner = describeOrganisation(g, e.owner, publicUrl);
  g.iri(uri, cv('ownedBy'), owner);
  if (isPublic(e.owner)) g.iri(uri, cv('hasCompetentAuthority'), owner);

  // Area as a SKOS concept in the portal's own scheme of service areas.
  const area = areaUri(publicUrl, e.area.slug);
  g.type(area, skos('Concept'));
  g.text(area, skos('prefLabel'), e.area.name);
  g.text(area, skos('definition'), e.area.description);
  g.iri(area, skos('inScheme'), areaSchemeUri(publicUrl));
  g.iri(uri, cv('thematicArea'), area);

  // Contact point: how to join first, then the provider's contact details; the service page always works.
  const contact = `${uri}#kontaktpunkt`;
  const email = s.howToJoin.contact?.email ?? e.provider.contact.email;
  const phone = s.howToJoin.contact?.phone ?? e.provider.contact.phone;
  const page = httpIri(e.provider.contact.url) ?? httpIri(s.website) ?? httpIri(e.provider.website) ?? uri;
  g.type(contact, cv('ContactPoint'));
  g.plain(contact, cv('email'), email);
  g.plain(contact, cv('telephone'), phone);
  g.iri(contact, cv('contactPage'), page);
  g.iri(uri, cv('contactPoint'), contact);

  // Support channels.
  for (const channel of s.supportChannels) {
    const c = `${uri}#kanal-${channel.replace(/_/g, '-')}`;
    g.type(c, cv('Channel'));
    g.plain(c, dct('identifier'), c);
    const type = CHANNEL_TYPES[channel];
    if (type) g.iri(c, dct('type'), SERVICE_CHANNEL_TYPE(type));
    g.text(c, dct('description'), localized((l) => messages[l].vocab.channel[channel]));
    if (channel === 'phone') g.plain(c, vcard('hasTelephone'), phone);
    if (channel === 'email' && email) g.iri(c, vcard('hasEmail'), `mailto:${email}`);
    if (channel === 'self_service' || channel === 'chat' || channel === 'chatbot') g.iri(c, vcard('hasURL'), page);
    g.iri(uri, cv('hasChannel'), c);
  }

  // Costs: one per financing model; the amount only where it is known (free of charge).
  for (const financing of s.financing) {
    const c = `${uri}#kostnad-${financing.replace(/_/g, '-')}`;
    g.type(c, cv('Cost'));
    g.plain(c, dct('identifier'), c);
    g.text(c, dct('description'), costText(financing, s.financingNote));
    if (financing === 'free') {
      g.typed(c, cv('hasValue'), '0', xsd('double'));
      g.iri(c, cv('currency'), NOK);
    }
    if (isPublic(e.owner)) g.iri(c, cv('isDefinedBy'), owner);
    g.iri(uri, cv('hasCost'), c);
  }

  // Prices: one cost per amount the provider states, in NOK, described by tier, unit, start and note.
  e.prices.forEach((price, i) => {
    const c = `${uri}#pris-${i + 1}`;
    g.type(c, cv('Cost'));
    g.plain(c, dct('identifier'), c);
    g.typed(c, cv('hasValue'), String(price.amount), xsd('double'));
    g.iri(c, cv('currency'), NOK);
    g.text(c, dct('description'), localized((l) => priceText(price, l)));
    if (isPublic(e.owner)) g.iri(c, cv('isDefinedBy'), owner);
    g.iri(uri, cv('hasCost'), c);
  });

  // Participations: the provider, and every agency that uses the service now.
  const providerPart = `${uri}#deltagelse-tilbyder`;
  g.type(providerPart, cv('Participation'));
  g.plain(providerPart, dct('identifier'), providerPart);
  g.iri(providerPart, cv('role'), ROLE_TYPE('service-provider'));
  g.text(providerPart, dct('description'), localized((l) => messages[l].opendata.providerParticipation(pickName(e.owner.name, l))));
  g.iri(uri, cv('hasParticipation'), providerPart);
  g.iri(owner, cv('participates'), providerPart);
  const tierName = new Map(e.tiers.map((t) => [t.id, t.name]));
  for (const u of e.users) {
    const agency = describeOrganisation(g, u.agency, publicUrl);
    const p = `${uri}#deltagelse-${u.agency.orgnr}`;
    g.type(p, cv('Participation'));
    g.plain(p, dct('identifier'), p);
    g.iri(p, cv('role'), ROLE_TYPE('service-receiver'));
    const tier = u.tierId ? tierName.get(u.tierId) : undefined;
    g.text(
      p,
      dct('description'),
      localized((l) =>
        messages[l].opendata.receiverParticipation(pickName(u.agency.name, l), tier ? pickName(tier, l) : null, u.startedOn ? formatDate(u.startedOn, l) : null),
      ),
    );
    g.iri(uri, cv('hasParticipation'), p);
    g.iri(agency, cv('participates'), p);
  }

  // Links to other services, only to those described in the same document (the shapes check their class).
  const link = (p: string, slug: string | null) => {
    if (slug && included.has(slug)) g.iri(uri, p, serviceUri(publicUrl, slug));
  };
  link(dct('isPartOf'), e.parentSlug);
  for (const c of e.childSlugs) link(dct('hasPart'), c);
  for (const r of e.relatedSlugs) link(cv('relatedService'), r);
  return uri;
}

function pickName(t: LocalizedText, lang: Language): string {
  return t[lang]?.trim() || t.nb;
}

function costText(financing: FinancingModel, note: LocalizedText | null): LocalizedText {
  return localized((l) => {
    const label = messages[l].vocab.financing[financing];
    const n = note?.[l]?.trim() || (l === 'nb' ? note?.nb?.trim() : undefined);
    return n ? `${label}. ${n}` : label;
  });
}

/** A price in words: "Grunnpakke: 250 000 kr per ansatt per år (fra 1. januar 2026). Note." */
function priceText(p: ExportService['prices'][number], l: Language): string {
  const t = messages[l];
  const amount = t.service.priceOf(p.amount, t.vocab.priceUnit[p.unit]);
  const head = p.label ? `${pickName(p.label, l)}: ${amount}` : amount;
  const from = p.validFrom ? ` (${t.service.priceFrom.toLowerCase()} ${formatDate(p.validFrom, l)})` : '';
  const note = p.note ? ` ${pickName(p.note, l)}` : '';
  return `${head}${from}.${note}`;
}

/** Keywords are stored as one bokmål string; commas or semicolons separate them, else whitespace. */
export function keywordsOf(keywords: string): string[] {
  const text = keywords.trim();
  if (!text) return [];
  const parts = /[,;\n]/.test(text) ? text.split(/[,;\n]/) : text.split(/\s+/);
  return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

/** The quads for a snapshot: the catalogue (optional), every service, and the organisations and concepts they link to. */
export function buildCpsv(snapshot: CatalogueSnapshot, options: CpsvOptions): Quad[] {
  const g = new Graph();
  const { publicUrl } = options;
  const included = new Set(snapshot.services.map((s) => s.slug));
  if (options.includeCatalog) {
    const c = catalogUri(publicUrl);
    g.type(c, dcat('Catalog'));
    g.plain(c, dct('identifier'), c);
    g.text(c, dct('title'), CATALOG_TEXT.title);
    g.text(c, dct('description'), CATALOG_TEXT.description);
    g.iri(c, foaf('homepage'), `${publicUrl}/`);
    g.iri(c, dct('license'), NLOD_2_0);
    for (const lang of LANGUAGES) g.iri(c, dct('language'), EU_LANGUAGE[lang]);
    g.iri(c, dct('spatial'), NORWAY);
    g.iri(c, dct('publisher'), describeOrganisation(g, snapshot.publisher, publicUrl));
    const contact = `${c}#kontaktpunkt`;
    g.type(contact, cv('ContactPoint'));
    g.iri(contact, cv('contactPage'), `${publicUrl}/apne-data`);
    g.iri(c, cv('contactPoint'), contact);
    const modified = snapshot.services.reduce<Date | null>((m, s) => (!m || s.service.updatedAt > m ? s.service.updatedAt : m), null);
    if (modified) g.typed(c, dct('modified'), modified.toISOString(), xsd('dateTime'));
    const scheme = areaSchemeUri(publicUrl);
    g.type(scheme, skos('ConceptScheme'));
    g.text(scheme, skos('prefLabel'), CATALOG_TEXT.areas);
    g.iri(c, dcat('themeTaxonomy'), scheme);
    for (const s of snapshot.services) g.iri(c, dcatno('containsService'), serviceUri(publicUrl, s.slug));
  }
  for (const s of snapshot.services) describeService(g, s, included, publicUrl);
  describeNorway(g);
  return g.quads();
}
