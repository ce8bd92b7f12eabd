import { checkCatalogueLinks } from '../ops/linkCheck.js';
import { commandArgs, EXIT, runCli, withDatabase } from './run.js';

const USAGE = `Usage: npm run check-links -- [--provider <slug>] [--timeout <seconds>] [--concurrency <n>]

Checks every web address the catalogue links to (services' websites and how-to-join links, providers' websites and
contact pages) and records the result for the data quality page (/kvalitet). Run it from cron or a systemd timer,
e.g. nightly; pages never check links themselves.

Exit codes: 0 checked (broken links are reported, not an error), 1 could not run, 2 wrong usage.`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { values: ['provider', 'timeout', 'concurrency'], flags: ['help'] }, USAGE);
  if (typeof args === 'number') return args;
  const provider = args.options.get('provider');
  const timeout = Number(args.options.get('timeout') ?? 10);
  const concurrency = Number(args.options.get('concurrency') ?? 4);
  if (args.positional.length > 0 || provider === true || !(timeout > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error(USAGE);
    return EXIT.usage;
  }
  return withDatabase(async (db) => {
    const results = await checkCatalogueLinks(db, { timeoutMs: timeout * 1000, concurrency, ...(provider ? { providerSlug: provider } : {}) });
    const broken = results.filter((r) => !r.ok);
    for (const r of broken) console.log(`broken  ${r.url}  ${r.httpStatus ?? r.error}`);
    console.log(`${results.length} addresses checked, ${broken.length} broken.`);
    return EXIT.ok;
  });
}

runCli(main);
