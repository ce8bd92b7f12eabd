/**
 * Turns Ajv validation errors (Fastify's schema validation) into sentences a person understands, in bokmål or
 * English. One message per field.
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

export function describeError(e: AjvLikeError, english: boolean): string {
  const p = e.params;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
  switch (e.keyword) {
    case 'type':
      if (p.type === 'integer') return english ? 'must be a whole number' : 'må være et heltall';
      if (p.type === 'number') return english ? 'must be a number' : 'må være et tall';
      if (p.type === 'boolean') return english ? 'must be true or false' : 'må være true eller false';
      if (p.type === 'array') return english ? 'must be a list' : 'må være en liste';
      if (p.type === 'object') return english ? 'must be an object' : 'må være et objekt';
      return english ? `must be of type ${list(p.type)}` : `må være av typen ${list(p.type)}`;
    case 'minimum':
      return english ? `must be at least ${p.limit}` : `må være minst ${p.limit}`;
    case 'maximum':
      return english ? `must be at most ${p.limit}` : `kan være høyst ${p.limit}`;
    case 'exclusiveMinimum':
      return english ? `must be greater than ${p.limit}` : `må være større enn ${p.limit}`;
    case 'minLength':
      return Number(p.limit) <= 1
        ? english
          ? 'must not be empty'
          : 'kan ikke være tom'
        : english
          ? `must have at least ${p.limit} characters`
          : `må ha minst ${p.limit} tegn`;
    case 'maxLength':
      return english ? `must have at most ${p.limit} characters` : `kan ha høyst ${p.limit} tegn`;
    case 'maxItems':
      return english ? `may have at most ${p.limit} values` : `kan ha høyst ${p.limit} verdier`;
    case 'pattern':
    case 'format':
      return english ? 'has the wrong format' : 'har feil format';
    case 'enum':
      return english
        ? `must be one of: ${list(p.allowedValues)}`
        : `må være en av: ${list(p.allowedValues)}`;
    case 'const':
      return english ? `must be ${list(p.allowedValue)}` : `må være ${list(p.allowedValue)}`;
    case 'anyOf':
    case 'oneOf': {
      const allowed = e.parentSchema?.anyOf?.every((b) => b.const !== undefined) ? e.parentSchema.anyOf.map((b) => String(b.const)) : undefined;
      const got = typeof e.data === 'string' ? `«${e.data.slice(0, 40)}» ` : '';
      if (allowed) return english ? `${got}is not allowed; use one of: ${allowed.join(', ')}` : `${got}er ikke tillatt; bruk en av: ${allowed.join(', ')}`;
      return english ? `${got}is not one of the allowed values` : `${got}er ikke en tillatt verdi`;
    }
    case 'required':
      return english ? 'is required' : 'må fylles ut';
    case 'additionalProperties':
      return english ? 'is not a known field' : 'er ikke et kjent felt';
    default:
      return english ? (e.message ?? 'is invalid') : 'er ugyldig';
  }
}
