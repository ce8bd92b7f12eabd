/**
 * Second sight: whether a cache key was asked for before, so a key asked for once (a one-off search) takes no cache
 * entry. Entries made for one request and evicted unread filled the old generation of V8's heap and kept its
 * major collector busy: with them left out, an uncached search load ran with no major collection at all, instead
 * of one every few seconds per worker (issue 16). A fixed table of 32-bit fingerprints, so asking allocates
 * nothing; one per database handle, as the caches it guards are (a test process runs several, whose keys may
 * coincide). A collision or an overwritten slot only caches a key a request earlier or later than it would be.
 */
const SLOTS = 1 << 16;
const tables = new WeakMap<object, Int32Array>();

/** FNV-1a over the key's UTF-16 code units, never 0 (an empty slot). */
function fingerprint(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0 || 1;
}

/** True when `key` was asked for before in `scope` (and is not forgotten since); remembers it either way. */
export function seenBefore(scope: object, key: string): boolean {
  let table = tables.get(scope);
  if (!table) tables.set(scope, (table = new Int32Array(SLOTS)));
  const h = fingerprint(key);
  const slot = (h ^ (h >>> 16)) & (SLOTS - 1);
  if (table[slot] === h) return true;
  table[slot] = h;
  return false;
}
