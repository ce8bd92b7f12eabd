import type { Language } from '../domain/catalogue.js';
import { messages } from '../web/i18n/index.js';
import { HttpProblem } from './problem.js';

/**
 * Database faults a person cannot fix by changing the request: the server is unreachable (stopped, restarting,
 * network gone, out of connections) or it has no room left to write. They answer 503 with Retry-After and a plain
 * message instead of a 500; the connection pool reconnects by itself when the server is back (no restart).
 */
export type DatabaseFault = 'unavailable' | 'disk_full';

/** Seconds a client is asked to wait: a restart takes seconds; freeing disk needs an operator. */
export const RETRY_AFTER: Record<DatabaseFault, number> = { unavailable: 5, disk_full: 120 };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTCONN']);
/** SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /PGlite is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** An error and the errors behind it (drizzle wraps the driver's error in `cause`). */
function* causes(error: unknown): Generator<{ code?: unknown; message?: unknown; errno?: unknown; constraint?: unknown }> {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    yield e as { code?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
}

/** The fault behind an error, or undefined for any other error. */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  for (const { code, message, errno } of causes(error)) {
    if (code === 'ENOSPC' || code === '53100' || errno === 28 || (typeof message === 'string' && /No space left on device|could not extend file/i.test(message))) return 'disk_full';
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return 'unavailable';
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return 'unavailable';
  }
  return undefined;
}

/** Whether the error is a unique violation (SQLSTATE 23505) of the named constraint or unique index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (const { code, constraint: name } of causes(error)) if (code === '23505' && name === constraint) return true;
  return false;
}

/** The 503 a database fault becomes, in the request's language; undefined when the error is something else. */
export function databaseProblem(error: unknown, lang: Language): HttpProblem | undefined {
  const fault = databaseFault(error);
  if (!fault) return undefined;
  const t = messages[lang].errors;
  return new HttpProblem(503, fault === 'disk_full' ? t.databaseFull : t.databaseUnavailable, {
    headers: { 'retry-after': String(RETRY_AFTER[fault]) },
  });
}
