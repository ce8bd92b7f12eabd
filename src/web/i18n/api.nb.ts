import { numberWords } from './numbers.js';

const { count, number } = numberWords('nb');

/**
 * Bokmål: the JSON API's problem details (RFC 9457): titles per HTTP status, plain details for framework errors,
 * and the validation messages that follow a field name ("orgnr må fylles ut"). The source for api.nn.ts and api.en.ts.
 */
export const apiNb = {
  api: {
    /** Problem titles by HTTP status; other statuses take 400's or 500's. */
    titles: {
      400: 'Ugyldig forespørsel',
      401: 'Ikke innlogget',
      403: 'Ingen tilgang',
      404: 'Finnes ikke',
      405: 'Metoden støttes ikke',
      406: 'Formatet støttes ikke',
      409: 'Konflikt',
      412: 'Endret i mellomtiden',
      428: 'Mangler If-Match',
      413: 'For stor forespørsel',
      415: 'Innholdstypen støttes ikke',
      422: 'Kan ikke behandles',
      429: 'For mange forespørsler',
      500: 'Intern feil',
      503: 'Tjenesten er midlertidig utilgjengelig',
    },
    noSuchResource: (path: string) => `Ingen API-ressurs på ${path}.`,
    serverError: 'Noe gikk galt hos oss. Prøv igjen om litt.',
    invalidJson: 'Innholdet i forespørselen er ikke gyldig JSON.',
    bodyTooLarge: 'Innholdet i forespørselen er for stort.',
    unsupportedMediaType: 'Denne innholdstypen støttes ikke her.',
    notFound: 'Finnes ikke.',
    notProcessed: 'Forespørselen kunne ikke behandles.',
    /** Said of a field: "<field> <message>". */
    validation: {
      integer: 'må være et heltall',
      number: 'må være et tall',
      boolean: 'må være true eller false',
      array: 'må være en liste',
      object: 'må være et objekt',
      ofType: (types: string) => `må være av typen ${types}`,
      minimum: (limit: number) => `må være minst ${number(limit)}`,
      maximum: (limit: number) => `kan være høyst ${number(limit)}`,
      exclusiveMinimum: (limit: number) => `må være større enn ${number(limit)}`,
      notEmpty: 'kan ikke være tom',
      minLength: (limit: number) => `må ha minst ${number(limit)} tegn`,
      maxLength: (limit: number) => `kan ha høyst ${number(limit)} tegn`,
      maxItems: (limit: number) => `kan ha høyst ${count(limit, { one: '# verdi', other: '# verdier' })}`,
      wrongFormat: 'har feil format',
      oneOf: (values: string) => `må være en av: ${values}`,
      equal: (value: string) => `må være ${value}`,
      notAllowed: (given: string, allowed: string) => `${given}er ikke tillatt; bruk en av: ${allowed}`,
      notAnAllowedValue: (given: string) => `${given}er ikke en tillatt verdi`,
      required: 'må fylles ut',
      unknownField: 'er ikke et kjent felt',
      /** Any other rule; `validatorMessage` is the validator's own (English) words. */
      invalid: (_validatorMessage?: string) => 'er ugyldig',
    },
  },
};
