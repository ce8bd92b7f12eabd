import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { agencies, providers } from './catalogue.js';
import { instant, uuidId } from './columns.js';

/** What kind of import a run was. */
export const IMPORT_KINDS = ['enhetsregisteret', 'usage', 'harvest'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Who started an import: a provider's user, an administrator, or the command line (operations). */
export const ACTOR_KINDS = ['provider', 'admin', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * One row per import that wrote (or tried to write) to the catalogue: who ran it, when, on which file (SHA-256),
 * and what it did. This is the import's own record; the audit log (issue 3) gets one event per run pointing here.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuidId(),
    kind: text('kind').$type<ImportKind>().notNull(),
    status: text('status').$type<ImportStatus>().notNull().default('running'),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    /** For a provider's user: the provider they act for. */
    actorProviderId: uuid('actor_provider_id').references(() => providers.id, { onDelete: 'set null' }),
    /** A person or process a human can recognise ("kari.nordmann@dfo.no", "cron: nightly import"). */
    actorLabel: text('actor_label').notNull(),
    /** Usage imports: the provider whose customer list this is. */
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'set null' }),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    fileBytes: bigint('file_bytes', { mode: 'number' }),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    /** A running import's sign of life (every few seconds while batches commit): a run without one is ended as interrupted. */
    heartbeatAt: instant('heartbeat_at'),
    /** created / updated / unchanged / rejected … (per kind). */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** The first rejected rows, with position and reason, and a fatal error if there was one. */
    problems: jsonb('problems').$type<{ position?: string; reason: string }[]>().notNull().default([]),
    message: text('message'),
  },
  (t) => [
    index('import_runs_kind_started_idx').on(t.kind, t.startedAt),
    index('import_runs_provider_idx').on(t.providerId),
    check('import_runs_sha256_format', sql`${t.fileSha256} is null or ${t.fileSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Enhetsregisteret parent links (overordnetEnhet) whose parent is not (yet) in `agencies`. A bulk file lists
 * children before parents and a search page may not contain the parent at all; each import run links what it
 * can at the end and keeps the rest here for a later run.
 */
export const registerPendingParents = pgTable('register_pending_parents', {
  orgnr: text('orgnr')
    .primaryKey()
    .references(() => agencies.orgnr, { onDelete: 'cascade' }),
  parentOrgnr: text('parent_orgnr').notNull(),
  since: instant('since').notNull().defaultNow(),
});
