import type { apiNb } from './api.nb.js';
import { numberWords } from './numbers.js';

const { count, number } = numberWords('en');

/** English: the JSON API's problem details and validation messages (see api.nb.ts). */
export const apiEn: typeof apiNb = {
  api: {
    titles: {
      400: 'Bad request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not found',
      405: 'Method not allowed',
      406: 'Not acceptable',
      409: 'Conflict',
      412: 'Changed meanwhile',
      428: 'If-Match required',
      413: 'Payload too large',
      415: 'Unsupported media type',
      422: 'Unprocessable content',
      429: 'Too many requests',
      500: 'Internal server error',
      503: 'Service unavailable',
    },
    noSuchResource: (path: string) => `No API resource at ${path}.`,
    serverError: 'Something went wrong on our side. Please try again shortly.',
    invalidJson: 'The request body is not valid JSON.',
    bodyTooLarge: 'The request body is too large.',
    unsupportedMediaType: 'This content type is not supported here.',
    notFound: 'Not found.',
    notProcessed: 'The request could not be processed.',
    validation: {
      integer: 'must be a whole number',
      number: 'must be a number',
      boolean: 'must be true or false',
      array: 'must be a list',
      object: 'must be an object',
      ofType: (types: string) => `must be of type ${types}`,
      minimum: (limit: number) => `must be at least ${number(limit)}`,
      maximum: (limit: number) => `must be at most ${number(limit)}`,
      exclusiveMinimum: (limit: number) => `must be greater than ${number(limit)}`,
      notEmpty: 'must not be empty',
      minLength: (limit: number) => `must have at least ${count(limit, { one: '# character', other: '# characters' })}`,
      maxLength: (limit: number) => `must have at most ${count(limit, { one: '# character', other: '# characters' })}`,
      maxItems: (limit: number) => `may have at most ${count(limit, { one: '# value', other: '# values' })}`,
      wrongFormat: 'has the wrong format',
      oneOf: (values: string) => `must be one of: ${values}`,
      equal: (value: string) => `must be ${value}`,
      notAllowed: (given: string, allowed: string) => `${given}is not allowed; use one of: ${allowed}`,
      notAnAllowedValue: (given: string) => `${given}is not one of the allowed values`,
      required: 'is required',
      unknownField: 'is not a known field',
      invalid: (validatorMessage?: string) => validatorMessage ?? 'is invalid',
    },
  },
};
