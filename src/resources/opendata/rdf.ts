import { type Quad, Writer } from 'n3';
import { PREFIXES } from './vocabulary.js';

/** The RDF serializations the portal offers, by media type. */
export const RDF_FORMATS = {
  turtle: { mediaType: 'text/turtle', extension: 'ttl' },
  jsonld: { mediaType: 'application/ld+json', extension: 'jsonld' },
} as const;
export type RdfFormat = keyof typeof RDF_FORMATS;

function write(quads: Quad[], format: 'Turtle', prefixes: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format, prefixes });
    writer.addQuads(quads);
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)));
  });
}

export function toTurtle(quads: Quad[]): Promise<string> {
  return write(quads, 'Turtle', PREFIXES);
}

/** The JSON-LD context: the same prefixes as the Turtle, inline (no remote context is ever fetched). */
export const JSONLD_CONTEXT = { ...PREFIXES } as Record<string, string>;

/** jsonld would fetch remote contexts over the network; the portal never does. */
const noNetwork = async (url: string): Promise<never> => {
  throw new Error(`Remote JSON-LD documents are not loaded (${url})`);
};

export async function toJsonLd(quads: Quad[]): Promise<Record<string, unknown>> {
  // RDF/JS quads straight in: jsonld's N-Quads parser de-duplicates in quadratic time (minutes for a catalogue with
  // thousands of participations); our quads are already unique.
  // jsonld is loaded with the first JSON-LD export, not at start (issue 16).
  const { default: jsonld } = await import('jsonld');
  const expanded = await jsonld.fromRDF(quads);
  const compacted = await jsonld.compact(expanded, JSONLD_CONTEXT, { documentLoader: noNetwork as never });
  return compacted as Record<string, unknown>;
}

export async function serialize(quads: Quad[], format: RdfFormat): Promise<string> {
  return format === 'turtle' ? toTurtle(quads) : JSON.stringify(await toJsonLd(quads), null, 2);
}

/**
 * The RDF format a client asked for with Accept, by quality; undefined when it prefers something else (JSON, HTML)
 * or did not ask. `text/turtle` and `application/ld+json` only: `application/json` stays the plain JSON API.
 */
export function negotiateRdf(accept: string | undefined): RdfFormat | undefined {
  if (!accept) return undefined;
  let best: { format: RdfFormat | undefined; q: number; wildcard: boolean } = { format: undefined, q: 0, wildcard: true };
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const format: RdfFormat | undefined = type === 'text/turtle' ? 'turtle' : type === 'application/ld+json' ? 'jsonld' : undefined;
    const wildcard = type.endsWith('/*');
    // Everything the client accepts competes (JSON, HTML, wildcards); on a tie the earlier, more specific one wins.
    if (q > best.q || (q === best.q && best.wildcard && !wildcard)) best = { format, q, wildcard };
  }
  return best.format;
}
