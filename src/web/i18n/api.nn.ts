import type { apiNb } from './api.nb.js';
import { numberWords } from './numbers.js';

const { count, number } = numberWords('nn');

/** Nynorsk: the JSON API's problem details and validation messages (see api.nb.ts). */
export const apiNn: typeof apiNb = {
  api: {
    titles: {
      400: 'Ugyldig førespurnad',
      401: 'Ikkje innlogga',
      403: 'Inga tilgang',
      404: 'Finst ikkje',
      405: 'Metoden er ikkje støtta',
      406: 'Formatet er ikkje støtta',
      409: 'Konflikt',
      412: 'Endra i mellomtida',
      428: 'Manglar If-Match',
      413: 'For stor førespurnad',
      415: 'Innhaldstypen er ikkje støtta',
      422: 'Kan ikkje behandlast',
      429: 'For mange førespurnader',
      500: 'Intern feil',
      503: 'Tenesta er mellombels utilgjengeleg',
    },
    noSuchResource: (path: string) => `Ingen API-ressurs på ${path}.`,
    serverError: 'Noko gjekk gale hos oss. Prøv igjen om litt.',
    invalidJson: 'Innhaldet i førespurnaden er ikkje gyldig JSON.',
    bodyTooLarge: 'Innhaldet i førespurnaden er for stort.',
    unsupportedMediaType: 'Denne innhaldstypen er ikkje støtta her.',
    notFound: 'Finst ikkje.',
    notProcessed: 'Førespurnaden kunne ikkje behandlast.',
    validation: {
      integer: 'må vere eit heiltal',
      number: 'må vere eit tal',
      boolean: 'må vere true eller false',
      array: 'må vere ei liste',
      object: 'må vere eit objekt',
      ofType: (types: string) => `må vere av typen ${types}`,
      minimum: (limit: number) => `må vere minst ${number(limit)}`,
      maximum: (limit: number) => `kan vere høgst ${number(limit)}`,
      exclusiveMinimum: (limit: number) => `må vere større enn ${number(limit)}`,
      notEmpty: 'kan ikkje vere tom',
      minLength: (limit: number) => `må ha minst ${number(limit)} teikn`,
      maxLength: (limit: number) => `kan ha høgst ${number(limit)} teikn`,
      maxItems: (limit: number) => `kan ha høgst ${count(limit, { one: '# verdi', other: '# verdiar' })}`,
      wrongFormat: 'har feil format',
      oneOf: (values: string) => `må vere ein av: ${values}`,
      equal: (value: string) => `må vere ${value}`,
      notAllowed: (given: string, allowed: string) => `${given}er ikkje tillate; bruk ein av: ${allowed}`,
      notAnAllowedValue: (given: string) => `${given}er ikkje ein tillaten verdi`,
      required: 'må fyllast ut',
      unknownField: 'er ikkje eit kjent felt',
      invalid: (_validatorMessage?: string) => 'er ugyldig',
    },
  },
};
