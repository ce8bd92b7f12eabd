import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Response compression by Accept-Encoding (brotli, else gzip) for pages, CSS, JSON and the other text types.
 * Cached public pages arrive here already compressed (src/server/pageCache.ts sets Content-Encoding) and pass
 * untouched; static assets are precompressed at build time (scripts/build-assets.mjs, served by @fastify/static);
 * everything else rendered per request is compressed here.
 */
export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this a response is sent as it is: the headers weigh more than the saving. */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE =
  /^\s*(text\/|image\/svg\+xml|application\/(json|problem\+json|ld\+json|javascript|xml|rdf\+xml|n-triples|n-quads|trig|turtle|vnd\.oai\.openapi|x-ndjson)\b)/i;

export function compressible(contentType: unknown): boolean {
  return typeof contentType === 'string' && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to send for an Accept-Encoding header: brotli when accepted, else gzip, else none. An encoding with
 * q=0 is refused; `*` stands for the encodings not named.
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | undefined {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (!value) return undefined;
  const q = new Map<string, number>();
  for (const part of value.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string) => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzipWeight = weight('gzip');
  if (br > 0 && br >= gzipWeight) return 'br';
  if (gzipWeight > 0) return 'gzip';
  return undefined;
}

/**
 * Brotli at quality 5 and gzip at level 6: measured on a 40 KB stylesheet, brotli 5 is within 3 % of quality 9's size
 * at a thirtieth of its time (a few ms), which is what a response compressed on demand can afford. Static assets are
 * compressed at the highest levels at build time instead (scripts/build-assets.mjs).
 */
export function compressBody(body: string | Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    return brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    });
  }
  return gz(body, { level: 6 });
}

/** Adds `Accept-Encoding` to the response's Vary header (once). */
export function varyOnEncoding(reply: FastifyReply): void {
  const current = String(reply.getHeader('vary') ?? '');
  if (current === '*' || /(^|,)\s*accept-encoding\s*(,|$)/i.test(current)) return;
  reply.header('vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.statusCode < 200 || reply.statusCode === 204 || reply.statusCode === 304) return payload;
    if (!compressible(reply.getHeader('content-type'))) return payload;
    // The same URL answers differently by Accept-Encoding: a shared cache must keep the variants apart.
    varyOnEncoding(reply);
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    // A string's length in UTF-16 units is at most its length in UTF-8 bytes: only a short one is measured.
    if (payload.length < MIN_COMPRESS_BYTES && (typeof payload !== 'string' || Buffer.byteLength(payload) < MIN_COMPRESS_BYTES)) return payload;
    const body = await compressBody(payload, encoding);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
