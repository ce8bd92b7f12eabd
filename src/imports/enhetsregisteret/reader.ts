import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { JSONParser } from '@streamparser/json';

/**
 * Reads Enhetsregisteret JSON as a stream of records, in constant memory: a single unit (`{…}`), a search page
 * (`{"_embedded": {"enheter": […]}}`, at most 10,000 units by the API's paging limit) or the bulk file (a JSON array
 * of units), each optionally gzip-compressed (detected by its magic bytes, not by the file name). The text must be
 * UTF-8, as the register writes it; anything else stops the read with the byte position.
 */

/** A problem with the file as a whole (not one record): the import stops here, with where it happened. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface RawRecord {
  value: unknown;
  /** 1-based number of the record in the file (in the array or on the search page). */
  position: number;
}

export interface InputStats {
  /** Bytes read from the source (compressed bytes for gzip). */
  rawBytes: number;
  /** Bytes of JSON text (after decompression). */
  jsonBytes: number;
  gzip: boolean;
  /** SHA-256 of the source bytes, hex; complete once the read has finished. */
  sha256: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Offset of the first byte that is not valid UTF-8, or -1; `final` treats a cut-off sequence at the end as invalid. */
export function firstInvalidUtf8(buf: Uint8Array, final: boolean): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= buf.length) return final ? i : -1; // cut off at the end of this chunk
    for (let k = 1; k <= need; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Yields the records of one input, a chunk's worth at a time (so the caller can write while the next chunk is
 * parsed). `stats` is filled in as the read goes.
 */
export async function* readEnhetsregisteret(source: AsyncIterable<Uint8Array>, stats: InputStats): AsyncGenerator<RawRecord[]> {
  const hash = createHash('sha256');
  async function* tap(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      stats.rawBytes += chunk.length;
      hash.update(chunk);
      yield chunk;
    }
    stats.sha256 = hash.digest('hex');
  }
  // Peek at the first bytes for the gzip magic number.
  const raw = tap();
  const first = await raw.next();
  if (first.done) throw new InputError('The file is empty.');
  stats.gzip = first.value.length >= 2 && first.value[0] === 0x1f && first.value[1] === 0x8b;
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield first.value as Uint8Array;
    yield* raw;
  }
  let text: AsyncIterable<Uint8Array> = rest();
  if (stats.gzip) {
    const gunzip = createGunzip();
    text = pipeline(Readable.from(rest()), gunzip, () => {}) as unknown as AsyncIterable<Uint8Array>;
  }

  /** A character cut off at the end of one chunk, checked with the next (UTF-8 is checked natively, no decoding). */
  let carry: Uint8Array = new Uint8Array(0);
  let parser: JSONParser | undefined;
  let root: 'array' | 'object' | undefined;
  let position = 0;
  let pending: RawRecord[] = [];
  let sawRootObject = false;
  /** Where the parser started, in bytes of JSON: its positions count from there. */
  let parserBase = 0;

  const feed = (chunk: Uint8Array) => {
    if (!parser) {
      let start = 0;
      if (stats.jsonBytes === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
      while (start < chunk.length && (chunk[start] === 0x20 || chunk[start] === 0x0a || chunk[start] === 0x0d || chunk[start] === 0x09)) start++;
      if (start === chunk.length) {
        stats.jsonBytes += chunk.length;
        return;
      }
      const c = chunk[start];
      if (c === 0x5b) root = 'array';
      else if (c === 0x7b) root = 'object';
      else {
        throw new InputError(
          `Not Enhetsregisteret JSON: expected "[" (bulk file) or "{" (a unit or a search page) at byte ${stats.jsonBytes + start}, found ${JSON.stringify(String.fromCharCode(c!))}.`,
        );
      }
      parser = new JSONParser({
        paths: root === 'array' ? ['$.*'] : ['$._embedded.enheter.*', '$'],
        keepStack: false,
        stringBufferSize: 64 * 1024,
        numberBufferSize: 64,
      });
      parser.onValue = ({ value, stack }) => {
        if (root === 'array' || stack.length > 0) {
          pending.push({ value, position: ++position });
          return;
        }
        sawRootObject = true;
        if (isObject(value) && isObject(value._embedded)) return; // a search page: its units have been emitted
        if (isObject(value) && ('organisasjonsnummer' in value || 'navn' in value)) {
          pending.push({ value, position: ++position });
          return;
        }
        throw new InputError('Not Enhetsregisteret JSON: the object is neither a unit (organisasjonsnummer) nor a search page (_embedded.enheter).');
      };
      chunk = chunk.subarray(start);
      stats.jsonBytes += start;
      parserBase = stats.jsonBytes;
    }
    try {
      parser.write(chunk);
    } catch (e) {
      if (e instanceof InputError) throw e;
      const m = /absolute position "(\d+)"/.exec((e as Error).message);
      const at = `byte ${m ? parserBase + Number(m[1]) : stats.jsonBytes}`;
      throw new InputError(`Malformed JSON at ${at} (after record ${position}): ${(e as Error).message}`);
    }
    stats.jsonBytes += chunk.length;
  };

  try {
    const handle = (chunk: Uint8Array) => {
      if (stats.jsonBytes === 0 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw new InputError('The file is UTF-16; Enhetsregisteret JSON is UTF-8. Convert it (iconv -f UTF-16 -t UTF-8) and try again.');
      }
      const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let end = joined.length;
      // Hold back a multi-byte sequence that the chunk boundary cut (at most 3 bytes).
      for (let k = 1; k <= 3 && k <= joined.length; k++) {
        const b = joined[joined.length - k]!;
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > k) end = joined.length - k;
        break;
      }
      if (!isUtf8(joined.subarray(0, end))) {
        const at = firstInvalidUtf8(joined.subarray(0, end), true);
        const offset = stats.jsonBytes - carry.length;
        throw new InputError(
          `The file is not UTF-8 (invalid byte${at >= 0 ? ` 0x${joined[at]!.toString(16)} at byte ${offset + at}` : ` near byte ${offset}`}). Enhetsregisteret JSON is UTF-8; a Latin-1 or Windows-1252 file must be converted (iconv -f WINDOWS-1252 -t UTF-8).`,
        );
      }
      carry = joined.subarray(end);
      feed(chunk);
    };
    // The first bytes are gathered until there are enough to recognise a byte-order mark, however small the chunks.
    let head: Buffer | undefined = Buffer.alloc(0);
    for await (const chunk of text) {
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 4) continue;
        handle(head);
        head = undefined;
      } else handle(chunk);
      if (pending.length) {
        const out = pending;
        pending = [];
        yield out;
      }
    }
    if (head?.length) handle(head);
    if (carry.length) throw new InputError(`The file is not UTF-8: it ends in the middle of a character (byte ${stats.jsonBytes}).`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (stats.gzip && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header|invalid/i.test((e as Error).message))) {
      throw new InputError(`The gzip file is truncated or corrupt (after ${stats.rawBytes} compressed bytes, ${stats.jsonBytes} bytes of JSON, record ${position}): ${(e as Error).message}`);
    }
    throw e;
  }
  if (!parser) throw new InputError('The file has no JSON in it (only whitespace).');
  try {
    if (!parser.isEnded) parser.end();
  } catch {
    throw new InputError(`The JSON ends too early at byte ${stats.jsonBytes} (after record ${position}): the file is truncated or not complete JSON.`);
  }
  if (root === 'object' && !sawRootObject) throw new InputError(`The JSON ends too early at byte ${stats.jsonBytes}.`);
  if (pending.length) yield pending;
}

export function emptyStats(): InputStats {
  return { rawBytes: 0, jsonBytes: 0, gzip: false, sha256: '' };
}
