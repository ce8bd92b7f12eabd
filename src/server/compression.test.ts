import Fastify from 'fastify';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MIN_COMPRESS_BYTES, registerCompression } from './compression.js';

/** The compression hook's size rule, measured in UTF-8 bytes however the body is given. */
describe('what the compression hook compresses', () => {
  const app = Fastify();
  registerCompression(app);
  const bodies: Record<string, () => string | Buffer> = {
    '/ascii-short': () => 'a'.repeat(MIN_COMPRESS_BYTES - 1),
    '/ascii-long': () => 'a'.repeat(MIN_COMPRESS_BYTES),
    // Fewer characters than the limit, more bytes: "ø" is two bytes in UTF-8.
    '/norwegian': () => 'ø'.repeat(MIN_COMPRESS_BYTES / 2 + 1),
    '/buffer-short': () => Buffer.alloc(MIN_COMPRESS_BYTES - 1, 'a'),
  };
  for (const [path, body] of Object.entries(bodies)) app.get(path, async (_req, reply) => reply.type('text/plain; charset=utf-8').send(body()));

  const get = (url: string, encoding?: string) => app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('compresses a body of at least the limit in bytes, whether it is told in characters or not', async () => {
    for (const url of ['/ascii-long', '/norwegian']) {
      const res = await get(url, 'br');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString('utf8'), url).toBe(String(bodies[url]!()));
    }
  });

  it('leaves smaller bodies alone, and every body for a client that takes no encoding, saying it varies', async () => {
    for (const url of ['/ascii-short', '/buffer-short']) expect((await get(url, 'br')).headers['content-encoding'], url).toBeUndefined();
    for (const url of Object.keys(bodies)) {
      const res = await get(url);
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(res.headers.vary, url).toBe('Accept-Encoding');
    }
  });
});
