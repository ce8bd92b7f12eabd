/** Tiny argument parsing for the import commands: positional arguments and --name value / --name=value / --flag. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], known: { values: string[]; flags: string[] }): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-' || !arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.flags.includes(name)) options.set(name, true);
    else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positional, options };
}

/** "STAT, ORGL" → Set {"STAT", "ORGL"}. */
export function listOption(value: string | true | undefined): Set<string> | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  return items.length ? new Set(items) : undefined;
}
