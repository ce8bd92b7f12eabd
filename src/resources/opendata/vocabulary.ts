/** The RDF namespaces of CPSV-AP-NO (and the DCAT, SKOS … terms it reuses), with the prefixes we write them with. */
export const PREFIXES = {
  adms: 'http://www.w3.org/ns/adms#',
  cpsv: 'http://purl.org/vocab/cpsv#',
  cpsvno: 'https://data.norge.no/vocabulary/cpsvno#',
  cv: 'http://data.europa.eu/m8g/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatno: 'https://data.norge.no/vocabulary/dcatno#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Prefix = keyof typeof PREFIXES;

/** One term maker per namespace: `dct('title')` is the IRI of dct:title. */
const terms = Object.fromEntries(Object.entries(PREFIXES).map(([p, iri]) => [p, (local: string) => iri + local])) as { [P in Prefix]: (local: string) => string };

export const { adms, cpsvno, cv, dcat, dcatno, dct, foaf, org, rdf, skos, vcard, xsd } = terms;

/** Controlled vocabularies the shapes check values against (by IRI pattern). */
export const EU_LANGUAGE = { nb: 'http://publications.europa.eu/resource/authority/language/NOB', nn: 'http://publications.europa.eu/resource/authority/language/NNO', en: 'http://publications.europa.eu/resource/authority/language/ENG' } as const;
export const NLOD_2_0 = 'http://publications.europa.eu/resource/authority/licence/NLOD_2_0';
export const NORWAY = 'http://publications.europa.eu/resource/authority/country/NOR';
export const NOK = 'http://publications.europa.eu/resource/authority/currency/NOK';
export const DISTRIBUTION_STATUS = (s: 'COMPLETED' | 'DEPRECATED' | 'DEVELOP' | 'WITHDRAWN') => `http://publications.europa.eu/resource/authority/distribution-status/${s}`;
export const PUBLISHER_TYPE = (t: 'NationalAuthority' | 'RegionalAuthority' | 'LocalAuthority' | 'Company') => `http://purl.org/adms/publishertype/${t}`;
export const ROLE_TYPE = (r: 'service-provider' | 'service-receiver') => `https://data.norge.no/vocabulary/role-type#${r}`;
export const SERVICE_CHANNEL_TYPE = (t: 'telephone' | 'e-mail' | 'online-service' | 'client-location' | 'assistant') =>
  `https://data.norge.no/vocabulary/service-channel-type#${t}`;

/** Organisations by their Enhetsregisteret URI, the identifier the Norwegian data catalogue uses. */
export const enhetsregisteretUri = (orgnr: string) => `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}`;
