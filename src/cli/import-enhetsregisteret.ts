import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { importEnhetsregisteret, type ImportSummary } from '../imports/enhetsregisteret/importer.js';
import { listOption } from './args.js';
import { createProgress } from './progress.js';
import { commandArgs, EXIT, runCli, withDatabase } from './run.js';

const USAGE = `Usage: npm run import:enhetsregisteret -- <file | -> [options]

Imports agencies from Enhetsregisteret JSON: one unit, a search page (_embedded.enheter) or the bulk file
(a JSON array), plain or gzip-compressed. "-" reads standard input. Uses DATABASE_URL, else PGlite in DATA_DIR
(stop the portal first: PGlite is single-process).

Options:
  --orgform STAT,ORGL,…   only these organisasjonsformer (others are skipped)
  --sector 6100,…         only these institutional sector codes
  --batch-size N          units per transaction (default 2000)
  --actor LABEL           who runs the import, for the import record (default: the OS user)
  --json                  print the summary as JSON

Exit codes: 0 imported (rejected records are listed in the summary), 1 the file or the database failed
(records before the failure are written; run again with a fixed file), 2 wrong usage.`;

function printSummary(s: ImportSummary): void {
  const rate = s.durationMs > 0 ? Math.round((s.records / s.durationMs) * 1000) : 0;
  const lines = [
    `${s.status === 'succeeded' ? 'Import finished' : 'Import FAILED'} (run ${s.runId}) in ${(s.durationMs / 1000).toFixed(1)} s, ${rate.toLocaleString('en')} records/s`,
    `  records read  ${s.records}${s.input.gzip ? ' (gzip)' : ''}, ${s.input.rawBytes.toLocaleString('en')} bytes, sha256 ${s.input.sha256 || '–'}`,
    `  created       ${s.created}`,
    `  updated       ${s.updated}`,
    `  unchanged     ${s.unchanged}`,
    `  skipped       ${s.skipped}${Object.keys(s.skippedByReason).length ? ` (${Object.entries(s.skippedByReason).map(([r, n]) => `${r}: ${n}`).join('; ')})` : ''}`,
    `  rejected      ${s.rejected}`,
    ...Object.entries(s.rejectedByReason).map(([r, n]) => `                ${n} × ${r}`),
    ...(s.duplicates ? [`  duplicates    ${s.duplicates} (the same org number again later in the file; the later record was used)`] : []),
    `  parents       ${s.parentsLinked} linked now, ${s.parentsPending} waiting for their parent`,
    `  ministries    ${s.ministriesSet} agencies got their ministry set`,
  ];
  if (s.rejections.length) {
    lines.push(`Rejected records${s.rejections.length < s.rejected ? ` (first ${s.rejections.length} of ${s.rejected})` : ''}:`);
    for (const r of s.rejections) lines.push(`  record ${r.position}${r.orgnr ? ` (${r.orgnr})` : ''}: ${r.reason}`);
  }
  if (s.fatal) lines.push(`Error: ${s.fatal}`);
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { values: ['orgform', 'sector', 'batch-size', 'actor'], flags: ['json', 'help'] }, USAGE);
  if (typeof args === 'number') return args;
  const [file, ...extra] = args.positional;
  if (!file || extra.length) {
    console.error(USAGE);
    return 2;
  }
  if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const batchSize = args.options.get('batch-size');
  if (batchSize !== undefined && (typeof batchSize !== 'string' || !/^\d+$/.test(batchSize) || Number(batchSize) < 1 || Number(batchSize) > 10_000)) {
    console.error('--batch-size must be a whole number from 1 to 10000');
    return 2;
  }
  return withDatabase(async (db, engine) => {
    const total = file === '-' ? undefined : statSync(file).size;
    const progress = createProgress();
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
    const actor = args.options.get('actor');
    const summary = await importEnhetsregisteret(db, source, {
      actorLabel: typeof actor === 'string' ? actor : `cli: ${userInfo().username}`,
      fileName: file === '-' ? 'stdin' : basename(file),
      batchSize: batchSize ? Number(batchSize) : undefined,
      orgForms: listOption(args.options.get('orgform')),
      sectors: listOption(args.options.get('sector')),
      parallel: true,
      // PGlite is one connection: one writer. A server takes two batches at once.
      writers: engine === 'postgres' ? 2 : 1,
      onProgress: (p) =>
        progress.update(
          p.rawBytes,
          total,
          `${p.records.toLocaleString('en')} records · ${p.created} created · ${p.updated} updated · ${p.unchanged} unchanged · ${p.rejected} rejected`,
        ),
    });
    progress.finish();
    if (args.options.has('json')) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary);
    return summary.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  });
}

runCli(main);
