import type { Role } from '../domain/principal.js';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Language } from '../domain/catalogue.js';
import { messages } from '../web/i18n/index.js';

/**
 * RFC 9457 problem details. Every API error is one of these, with a title and a human `detail` in the reader's
 * language (bokmål, nynorsk or English; words in src/web/i18n/api.*.ts) and, for invalid input, `errors` naming
 * each field.
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

/** The problem title for a status in the reader's language; statuses without their own take 400's or 500's. */
export function problemTitle(status: number, lang: Language): string {
  const titles: Record<number, string> = messages[lang].api.titles;
  return titles[status] ?? titles[status >= 500 ? 500 : 400]!;
}

const FRAMEWORK_ERROR_DETAIL: Record<string, 'invalidJson' | 'bodyTooLarge' | 'unsupportedMediaType'> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalidJson',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalidJson',
  FST_ERR_CTP_BODY_TOO_LARGE: 'bodyTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
};

/** A plain detail for a framework error on bad input (malformed JSON, wrong content type …), never its internals. */
export function frameworkErrorDetail(code: string | undefined, status: number, lang: Language): string {
  const t = messages[lang].api;
  const key = code === undefined ? undefined : FRAMEWORK_ERROR_DETAIL[code];
  if (key) return t[key];
  return status === 404 ? t.notFound : t.notProcessed;
}

/** An error that carries its HTTP status and a message meant for the user. Throw it from handlers and commands. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** `roles`: for a 403, the roles any one of which would have allowed it (the 403 page names them). */
    readonly extra: { type?: string; errors?: Problem['errors']; headers?: Record<string, string>; roles?: readonly Role[] } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
