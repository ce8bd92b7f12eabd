import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FileProblem, parseUsageFile } from './parse.js';

/** Deflates `megabytes` of zeros, one megabyte at a time (the bomb's payload: ~1 KB per MB). */
function deflatedZeros(megabytes: number): { data: Buffer; size: number; crc: number } {
  const mb = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(Buffer.concat(Array.from({ length: megabytes }, () => mb)), { level: 9 });
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(mb, crc);
  return { data: block, size: megabytes * 1024 * 1024, crc };
}

/** A zip of deflated entries whose local headers and central directory state `claimedSize` as each one's size. */
function zipWithLyingDirectory(entries: { name: string; data: Buffer; crc: number }[], claimedSize: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const n = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(claimedSize, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(claimedSize, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, entry.data);
    centrals.push(central, n);
    offset += 30 + n.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function problemOf(bytes: Buffer): Promise<FileProblem | undefined> {
  try {
    await parseUsageFile(bytes);
    return undefined;
  } catch (e) {
    if (e instanceof FileProblem) return e;
    throw e;
  }
}

describe('XLSX uploads cannot explode (issue 14, item 7)', () => {
  it('refuses a zip bomb whose directory says 100 bytes while it inflates to 120 MB, without inflating it all', async () => {
    const bomb = zipWithLyingDirectory([{ name: 'xl/worksheets/sheet1.xml', ...deflatedZeros(120) }], 100);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024); // under the upload limit
    const before = process.memoryUsage().arrayBuffers;
    const problem = await problemOf(bomb);
    expect(problem?.code).toBe('tooLarge');
    // The cap (50 MB) bounds what was inflated, not the 120 MB the entry holds.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(80 * 1024 * 1024);
  });

  it('counts every entry: six entries of 10 MB that each claim 10 bytes pass the cap together', async () => {
    const zeros = deflatedZeros(10);
    const bomb = zipWithLyingDirectory(Array.from({ length: 6 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, ...zeros })), 10);
    expect((await problemOf(bomb))?.code).toBe('tooLarge');
  });

  it('still reads an honest spreadsheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kunder');
    sheet.addRow(['orgnr', 'service', 'tier', 'from', 'to']);
    sheet.addRow(['982391490', 'dfo-lonn', 'fullservice', '2025-01-01', '']);
    const parsed = await parseUsageFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.format).toBe('xlsx');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]!.cells).toMatchObject({ orgnr: '982391490', service: 'dfo-lonn', tier: 'fullservice', from: '2025-01-01' });
  });
});
