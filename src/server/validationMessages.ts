import type { Language } from '../domain/catalogue.js';
import { messages } from '../web/i18n/index.js';

/**
 * Turns Ajv validation errors (Fastify's schema validation) into sentences a person understands, in bokmål,
 * nynorsk or English (the words are in src/web/i18n/api.*.ts). One message per field.
 */
export interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  /** With Ajv's `verbose` option: the schema that failed and the value it failed on. */
  parentSchema?: { anyOf?: { const?: unknown }[] };
  data?: unknown;
}

export function fieldName(e: AjvLikeError, context: string | undefined): string {
  // Repeated query parameters arrive as arrays; name the parameter, not its position ("model", not "model.0").
  const path = e.instancePath
    .replace(/^\//, '')
    .split('/')
    .filter((seg, i) => !(context === 'querystring' && i > 0 && /^\d+$/.test(seg)))
    .join('.');
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
    return path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty;
  }
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    return path ? `${path}.${e.params.additionalProperty}` : e.params.additionalProperty;
  }
  return path || context || 'input';
}

export function describeError(e: AjvLikeError, lang: Language): string {
  const t = messages[lang].api.validation;
  const p = e.params;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
  switch (e.keyword) {
    case 'type':
      if (p.type === 'integer' || p.type === 'number' || p.type === 'boolean' || p.type === 'array' || p.type === 'object') return t[p.type];
      return t.ofType(list(p.type));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'maxLength':
    case 'maxItems':
      return t[e.keyword](Number(p.limit));
    case 'minLength':
      return Number(p.limit) <= 1 ? t.notEmpty : t.minLength(Number(p.limit));
    case 'pattern':
    case 'format':
      return t.wrongFormat;
    case 'enum':
      return t.oneOf(list(p.allowedValues));
    case 'const':
      return t.equal(list(p.allowedValue));
    case 'anyOf':
    case 'oneOf': {
      const allowed = e.parentSchema?.anyOf?.every((b) => b.const !== undefined) ? e.parentSchema.anyOf.map((b) => String(b.const)) : undefined;
      const given = typeof e.data === 'string' ? `«${e.data.slice(0, 40)}» ` : '';
      return allowed ? t.notAllowed(given, allowed.join(', ')) : t.notAnAllowedValue(given);
    }
    case 'required':
      return t.required;
    case 'additionalProperties':
      return t.unknownField;
    default:
      return t.invalid(e.message);
  }
}
