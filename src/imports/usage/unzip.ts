import { crc32, inflateRawSync } from 'node:zlib';

/**
 * XLSX files are zip archives, and a zip's directory states each entry's unpacked size — whatever the uploader
 * wrote there. A zip bomb lies: a 200 KB upload whose directory says "100 bytes" inflates to gigabytes in the
 * spreadsheet parser. So the archive is inflated here first, entry by entry, under a running cap on the bytes
 * actually produced (zlib stops as soon as the output passes what is left of the cap), and the spreadsheet parser
 * gets a new archive of the inflated entries, stored without compression: it never inflates anything itself.
 */

export class ZipProblem extends Error {
  constructor(readonly code: 'tooLarge' | 'unreadable') {
    super(code);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 2_000;

interface Entry {
  name: Buffer;
  data: Buffer;
}

/** The entries of a zip, inflated under `maxBytes` in all; ZipProblem('tooLarge') as soon as they pass it. */
export function inflateEntries(bytes: Buffer, maxBytes: number): Entry[] {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length || bytes.readUInt32LE(eocd) !== EOCD) throw new ZipProblem('unreadable');
  const count = bytes.readUInt16LE(eocd + 10);
  // 0xffff / 0xffffffff: a zip64 archive, which no spreadsheet of the size allowed needs.
  if (count === 0xffff || count > MAX_ENTRIES) throw new ZipProblem('unreadable');
  let p = bytes.readUInt32LE(eocd + 16);
  let left = maxBytes;
  const names = new Set<string>();
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) throw new ZipProblem('unreadable');
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const nameLength = bytes.readUInt16LE(p + 28);
    const localAt = bytes.readUInt32LE(p + 42);
    const name = bytes.subarray(p + 46, p + 46 + nameLength);
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (flags & 0x1 || compressed === 0xffffffff || localAt === 0xffffffff) throw new ZipProblem('unreadable'); // encrypted, zip64
    const key = name.toString('latin1');
    if (names.has(key)) throw new ZipProblem('unreadable');
    names.add(key);
    if (localAt + 30 > bytes.length || bytes.readUInt32LE(localAt) !== LOCAL) throw new ZipProblem('unreadable');
    const start = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (start + compressed > bytes.length) throw new ZipProblem('unreadable');
    const raw = bytes.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) {
      data = raw;
    } else if (method === 8) {
      try {
        // One byte over what is left: zlib stops there and throws, so a bomb never inflates past the cap.
        data = inflateRawSync(raw, { maxOutputLength: left + 1 });
      } catch (e) {
        throw new ZipProblem((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : 'unreadable');
      }
    } else {
      throw new ZipProblem('unreadable');
    }
    if (data.length > left) throw new ZipProblem('tooLarge');
    left -= data.length;
    entries.push({ name, data });
  }
  return entries;
}

/** A zip of the entries, stored (no compression), with sizes and checksums that are true. */
export function storedZip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
