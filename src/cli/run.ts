import { loadConfigOrReport } from '../config.js';
import type { Database } from '../db/database.js';
import { parseArgs, type ParsedArgs, UsageError } from './args.js';

/** Exit codes shared by the import commands. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Runs a command's main function and exits with its code; an unexpected error prints one line and exits 1. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? `Error: ${e.message}` : e);
      process.exit(EXIT.failed);
    },
  );
}

/** Parsed arguments, or the usage text on stderr and undefined for an unknown option or a missing value. */
export function argsOrUsage(argv: string[], known: { values: string[]; flags: string[] }, usage: string): ParsedArgs | undefined {
  try {
    return parseArgs(argv, known);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage}`);
      return undefined;
    }
    throw e;
  }
}

/**
 * A command's arguments (its flags include `help`): the parsed arguments, or the exit code when there is nothing more
 * to do — EXIT.ok after printing the usage for --help, EXIT.usage after an unknown option or a missing value.
 */
export function commandArgs(argv: string[], known: { values: string[]; flags: string[] }, usage: string): ParsedArgs | number {
  const args = argsOrUsage(argv, known, usage);
  if (!args) return EXIT.usage;
  if (args.options.has('help')) {
    console.log(usage);
    return EXIT.ok;
  }
  return args;
}

/**
 * The configured database (DATABASE_URL, else PGlite in DATA_DIR), migrated, for the length of `fn`. A configuration
 * error is a usage error (exit 2) with one line saying what is wrong.
 */
export async function withDatabase(fn: (db: Database, engine: 'pglite' | 'postgres') => Promise<number>): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return EXIT.usage;
  // Loaded here, not at the top: usage errors are answered without loading the engines and the ORM.
  const { openDatabase } = await import('../db/database.js');
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await database.migrate();
    return await fn(database.db, database.engine);
  } finally {
    await database.close();
  }
}
