import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

/**
 * RFC 9457 problem details. Every API error is one of these, with a human `detail` in Norwegian or English and,
 * for invalid input, `errors` naming each field.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem; about:blank for plain HTTP statuses.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'What went wrong, in words a person can act on.' }),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem (RFC 9457)' },
);

const TITLES: Record<number, [nb: string, en: string]> = {
  400: ['Ugyldig forespørsel', 'Bad request'],
  401: ['Ikke innlogget', 'Unauthorized'],
  403: ['Ingen tilgang', 'Forbidden'],
  404: ['Finnes ikke', 'Not found'],
  405: ['Metoden støttes ikke', 'Method not allowed'],
  406: ['Formatet støttes ikke', 'Not acceptable'],
  409: ['Konflikt', 'Conflict'],
  413: ['For stor forespørsel', 'Payload too large'],
  415: ['Innholdstypen støttes ikke', 'Unsupported media type'],
  422: ['Kan ikke behandles', 'Unprocessable content'],
  429: ['For mange forespørsler', 'Too many requests'],
  500: ['Intern feil', 'Internal server error'],
  503: ['Tjenesten er midlertidig utilgjengelig', 'Service unavailable'],
};

export function problemTitle(status: number, english = false): string {
  const t = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400]!;
  return english ? t[1] : t[0];
}

/** An error that carries its HTTP status and a message meant for the user. Throw it from handlers and commands. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { type?: string; errors?: Problem['errors']; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
