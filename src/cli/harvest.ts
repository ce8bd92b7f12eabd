import { commandLineActor } from '../domain/actor.js';
import { harvestAll, harvestProvider } from '../server/harvest.js';
import { commandArgs, EXIT, runCli, withDatabase } from './run.js';

const USAGE = `Usage: npm run harvest -- --actor <who> [--provider <slug>] [--timeout <seconds>]

Harvests the CPSV-AP-NO catalogues DFØ has registered for providers (/admin/innhenting): fetches each, and publishes
what was created, changed or retired, in one transaction per provider. Harvesting the same catalogue again changes
nothing; a harvest that fails changes nothing and is recorded (shown to DFØ on /admin/innhenting).
Schedule it with cron or a systemd timer, e.g. nightly.

Options:
  --actor LABEL     who runs it, e.g. "cron: nightly harvest" (recorded as an administrator)
  --provider SLUG   only this provider (default: every registered one)
  --timeout SEC     per catalogue (default 30)

Exit codes: 0 every harvest succeeded, 1 at least one failed (nothing changed for it), 2 wrong usage.`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { values: ['actor', 'provider', 'timeout'], flags: ['help'] }, USAGE);
  if (typeof args === 'number') return args;
  const actor = args.options.get('actor');
  const provider = args.options.get('provider');
  const timeout = Number(args.options.get('timeout') ?? 30);
  if (typeof actor !== 'string' || provider === true || !(timeout > 0) || args.positional.length > 0) {
    console.error(USAGE);
    return EXIT.usage;
  }
  return withDatabase(async (db) => {
    const who = commandLineActor(actor);
    const options = { timeoutMs: timeout * 1000 };
    const results = provider ? [{ provider, ...(await harvestProvider(db, who, provider, 'nb', options)) }] : await harvestAll(db, who, 'nb', options);
    for (const r of results) console.log(`${r.ok ? 'ok    ' : 'failed'} ${r.provider}: ${r.message}`);
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
  });
}

runCli(main);
