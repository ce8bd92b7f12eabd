import { commandLineActor } from '../domain/actor.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { applyUsageImport, describeFileProblem, presentPlan, previewUsageImport, UsageImportError } from '../imports/usage/usageImport.js';
import { commandArgs, EXIT, runCli, withDatabase } from './run.js';

const USAGE = `Usage: npm run import:usage -- <file.csv | file.xlsx> --provider <slug> [--apply --actor <who>] [options]

Previews (default) or applies a provider's customer list. Columns: organisasjonsnummer; tjeneste; tjenestemodell;
fra; til (optional). Applying is all or nothing, in one transaction, and is recorded with the actor.

Options:
  --provider SLUG   the provider whose customer list this is (required)
  --apply           write it (without: a dry run that writes nothing)
  --actor LABEL     who applies it, e.g. an e-mail address (required with --apply; recorded as an administrator)
  --scope file|all  end missing customers only for the services in the file (default) or for all the provider's services
  --json            print the plan as JSON

Exit codes: 0 previewed or applied, 1 the file has errors or cannot be read (nothing written), 2 wrong usage.`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { values: ['provider', 'actor', 'scope'], flags: ['apply', 'json', 'help'] }, USAGE);
  if (typeof args === 'number') return args;
  const [file] = args.positional;
  const provider = args.options.get('provider');
  const actor = args.options.get('actor');
  const scope = args.options.get('scope') ?? 'file';
  const apply = args.options.has('apply');
  if (!file || typeof provider !== 'string' || (apply && typeof actor !== 'string') || (scope !== 'file' && scope !== 'all') || args.positional.length > 1) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  return withDatabase(async (db) => {
    const options = { providerSlug: provider, file: readFileSync(file), fileName: basename(file), scope: scope as 'file' | 'all' };
    try {
      const result = apply
        ? await applyUsageImport(db, commandLineActor(actor as string), options)
        : { runId: undefined, plan: await previewUsageImport(db, options) };
      const p = presentPlan(result.plan, 'nb');
      if (args.options.has('json')) console.log(JSON.stringify({ runId: result.runId ?? null, ...p }, null, 2));
      else {
        console.log(`${apply ? `Applied (run ${result.runId})` : 'Preview (nothing written)'}: ${p.counts.add} to add, ${p.counts.change} tier changes, ${p.counts.end} to end, ${p.counts.unchanged} unchanged.`);
        for (const [label, list] of [['add', p.add], ['change', p.change], ['end', p.end]] as const) {
          for (const i of list) console.log(`  ${label.padEnd(6)} ${i.line === null ? '    –' : `line ${String(i.line).padStart(4)}`}  ${i.orgnr} ${i.agency} · ${i.service}${i.tier ? ` (${i.tier})` : ''}${i.to ? ` until ${i.to}` : ''}`);
        }
        for (const n of p.notes) console.log(`  note   line ${n.line}: ${n.message}`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof UsageImportError)) throw e;
      if (e.code === 'hasErrors' && e.plan) {
        const p = presentPlan(e.plan, 'nb');
        if (args.options.has('json')) console.log(JSON.stringify(p, null, 2));
        else for (const err of p.errors) console.log(`  error  line ${err.line}: ${err.message}`);
        console.error(`${p.errors.length} rows have errors: nothing was written.`);
      } else if (e.code === 'file') console.error(describeFileProblem(e.fileProblem!, 'nb'));
      else if (e.code === 'unknownProvider') console.error(`Unknown provider: ${provider}`);
      else console.error(e.message);
      return EXIT.failed;
    }
  });
}

runCli(main);
