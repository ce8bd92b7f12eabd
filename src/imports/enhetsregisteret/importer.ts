import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { and, eq, lt } from 'drizzle-orm';
import { type Database, type Executor, queryRows, sql } from '../../db/database.js';
import { importRuns } from '../../db/schema/index.js';
import { type Counters, countRejection, emptyCounters, mapBatches, parseArrayLiteral, type Rejection, serializeColumns, splitColumns } from './batches.js';
import type { WorkerInit } from './parseWorker.js';
import { loadMinistries } from './record.js';
import { emptyStats, InputError, type InputStats } from './reader.js';

export type { Rejection };

/**
 * `importEnhetsregisteret`: upserts agencies from Enhetsregisteret JSON, keyed on org number.
 *
 * - Idempotent: a unit whose stored facts equal the register's is left alone (counted "unchanged"); a second run of
 *   the same file changes nothing.
 * - Batches of `batchSize` units, each one transaction (atomic). A fatal input error (malformed JSON, truncated
 *   gzip, wrong encoding) stops the read; the records read before it are written, batch by batch, and the run is
 *   recorded as failed with the position. Running the fixed file again completes the import.
 * - A refused record (invalid org number, no name …) never stops the run: it is counted with its position and reason.
 *   A batch the database refuses is written again row by row, so only the faulty row is rejected.
 * - Register facts (form, sector, address, contact, employees, deletion, parent) follow the register. The name and
 *   kind follow it only for agencies this import created (`source_note = IMPORT_NOTE`): a curated name stays, also
 *   one that a dataset marks as coming from the register.
 *   Facts the register leaves out (a website, an e-mail) do not erase what the portal has.
 * - Parents (`overordnetEnhet`) are linked when the parent is there; otherwise kept in `register_pending_parents`
 *   and linked at the end of this or a later run. Then every agency's ministry is set to its nearest ancestor
 *   that is a ministry.
 * - With `parallel`, reading and parsing run in a worker thread while the main thread writes, at most two batches
 *   ahead (constant memory).
 */

export interface ImportOptions {
  /** Who runs it, for the import record (e.g. "cli: kari" or "cron"). */
  actorLabel: string;
  fileName?: string | undefined;
  batchSize?: number | undefined;
  orgForms?: ReadonlySet<string> | undefined;
  sectors?: ReadonlySet<string> | undefined;
  ministries?: ReadonlySet<string> | undefined;
  /** Parse in a worker thread (the command line and the bench do; a bulk file is then about twice as fast). */
  parallel?: boolean | undefined;
  /**
   * Batches written at the same time, each in its own transaction on its own connection (default 1). Links to a
   * parent in a batch still being written are made at the end of the run.
   */
  writers?: number | undefined;
  /** Called every batch and at the end: for a progress bar. */
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

export interface ImportProgress {
  rawBytes: number;
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
}

export interface ImportSummary extends ImportProgress {
  runId: string;
  status: 'succeeded' | 'failed';
  /** The same org number more than once in a batch: the later record wins. */
  duplicates: number;
  /** The first rejections, with position and reason (all are counted in `rejectedByReason`). */
  rejections: Rejection[];
  rejectedByReason: Record<string, number>;
  skippedByReason: Record<string, number>;
  parentsLinked: number;
  parentsPending: number;
  ministriesSet: number;
  fatal?: string | undefined;
  input: InputStats;
  durationMs: number;
}

const DEFAULT_BATCH = 5000;

/** A batch ready to write: its columns as array literals, and each row's position in the file. */
interface ReadyBatch {
  columns: string[];
  count: number;
  positions: ArrayLike<number>;
}

type BatchSource = AsyncGenerator<ReadyBatch, void, void> & { counters: Counters; stats: InputStats };

function inThread(source: AsyncIterable<Uint8Array>, options: WorkerInit): BatchSource {
  const counters = emptyCounters();
  const stats = emptyStats();
  const mapOptions = {
    batchSize: options.batchSize,
    ministries: new Set(options.ministries),
    orgForms: options.orgForms ? new Set(options.orgForms) : undefined,
    sectors: options.sectors ? new Set(options.sectors) : undefined,
  };
  async function* gen(): AsyncGenerator<ReadyBatch, void, void> {
    for await (const rows of mapBatches(source, mapOptions, stats, counters)) {
      yield { columns: serializeColumns(rows.map((r) => r.row)), count: rows.length, positions: rows.map((r) => r.position) };
    }
  }
  return Object.assign(gen(), { counters, stats });
}

/** The parse worker's batches. The worker pulls input chunks from here; each batch is acknowledged when written. */
function inWorker(source: AsyncIterable<Uint8Array>, options: WorkerInit): BatchSource {
  const counters = emptyCounters();
  const stats = emptyStats();
  const compiled = new URL('./parseWorker.js', import.meta.url);
  // Built code runs the compiled worker; from TypeScript sources (tsx, tests) the worker registers tsx first.
  const worker = existsSync(fileURLToPath(compiled))
    ? new Worker(compiled, { workerData: options })
    : new Worker(
        `const { register } = require(${JSON.stringify(createRequire(import.meta.url).resolve('tsx/esm/api'))}); register(); import(${JSON.stringify(new URL('./parseWorker.ts', import.meta.url).href)});`,
        { eval: true, workerData: options },
      );
  const iterator = source[Symbol.asyncIterator]();
  type Message =
    | { type: 'pull' }
    | { type: 'batch'; columns: string[]; positions: Int32Array; count: number; counters: Counters; stats: InputStats }
    | { type: 'done'; counters: Counters; stats: InputStats }
    | { type: 'error'; message: string; input: boolean; code?: string; counters: Counters; stats: InputStats };
  const inbox: Message[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: Message) => {
    if (m.type === 'pull') {
      iterator.next().then(
        (r) => {
          if (r.done) worker.postMessage({ type: 'end' });
          else {
            const copy = new Uint8Array(r.value);
            worker.postMessage({ type: 'chunk', data: copy.buffer }, [copy.buffer]);
          }
        },
        (e: Error) => {
          failure = e;
          notify();
        },
      );
      return;
    }
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  async function* gen(): AsyncGenerator<ReadyBatch, void, void> {
    try {
      for (;;) {
        while (!inbox.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
        if (failure) throw failure;
        const m = inbox.shift()!;
        if (m.type === 'pull') continue;
        Object.assign(counters, m.counters);
        Object.assign(stats, m.stats);
        if (m.type === 'done') return;
        if (m.type === 'error') {
          if (m.input) throw new InputError(m.message);
          throw Object.assign(new Error(m.message), { code: m.code });
        }
        yield { columns: m.columns, count: m.count, positions: m.positions };
        worker.postMessage({ type: 'ack' });
      }
    } finally {
      await worker.terminate();
      await iterator.return?.(); // close the input (a file stream) when the read stopped early
    }
  }
  return Object.assign(gen(), { counters, stats });
}

export async function importEnhetsregisteret(db: Database, source: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const init: WorkerInit = {
    batchSize: options.batchSize ?? DEFAULT_BATCH,
    ministries: [...(options.ministries ?? loadMinistries())],
    orgForms: options.orgForms ? [...options.orgForms] : undefined,
    sectors: options.sectors ? [...options.sectors] : undefined,
  };
  await endInterruptedImports(db);
  const [run] = await db
    .insert(importRuns)
    .values({ kind: 'enhetsregisteret', actorKind: 'system', actorLabel: options.actorLabel, fileName: options.fileName ?? null, heartbeatAt: new Date() })
    .returning({ id: importRuns.id });
  // A sign of life at most every HEARTBEAT_MS, after a batch has committed (outside the batch's transaction, so two
  // writers never wait on the run's row).
  let lastBeat = Date.now();
  const heartbeat = async () => {
    if (Date.now() - lastBeat < HEARTBEAT_MS) return;
    lastBeat = Date.now();
    await db.update(importRuns).set({ heartbeatAt: new Date() }).where(eq(importRuns.id, run!.id));
  };
  const batches = options.parallel ? inWorker(source, init) : inThread(source, init);
  const written = { created: 0, updated: 0, unchanged: 0 };
  /** Rows the database refused (counted on top of what the parser refused). */
  const refused = emptyCounters();
  const summarise = (): ImportSummary => {
    const c = batches.counters;
    return {
      runId: run!.id,
      status: 'succeeded',
      rawBytes: batches.stats.rawBytes,
      records: c.records,
      ...written,
      rejected: c.rejected + refused.rejected,
      skipped: c.skipped,
      duplicates: c.duplicates,
      rejections: [...c.rejections, ...refused.rejections].slice(0, 100),
      rejectedByReason: { ...c.rejectedByReason, ...refused.rejectedByReason },
      skippedByReason: c.skippedByReason,
      parentsLinked: 0,
      parentsPending: 0,
      ministriesSet: 0,
      input: batches.stats,
      durationMs: 0,
    };
  };
  const progress = () => options.onProgress?.(summarise());
  const add = (counted: typeof written) => {
    written.created += counted.created;
    written.updated += counted.updated;
    written.unchanged += counted.unchanged;
  };
  const flush = async (batch: ReadyBatch) => {
    try {
      add(await db.transaction((tx) => writeBatch(tx, batch.columns, batch.count)));
    } catch {
      // A batch the database refuses: write its rows one by one, so the one at fault is rejected with its reason.
      const rows = splitColumns(batch.columns);
      for (let i = 0; i < rows.length; i++) {
        try {
          add(await db.transaction((tx) => writeBatch(tx, rows[i]!, 1)));
        } catch (rowError) {
          const orgnr = parseArrayLiteral(rows[i]![0]!)[0] ?? undefined;
          countRejection(refused, { position: batch.positions[i]!, orgnr, reason: `the database refused it: ${(rowError as Error).message.split('\n')[0]}` });
        }
      }
    }
    await heartbeat();
    progress();
  };

  let fatal: string | undefined;
  const writers = Math.max(1, options.writers ?? 1);
  const inflight = new Set<Promise<void>>();
  try {
    for await (const batch of batches) {
      // At most `writers` batches in the database (each on its own connection) while the next one is parsed.
      while (inflight.size >= writers) await Promise.race(inflight);
      const p: Promise<void> = flush(batch).finally(() => inflight.delete(p));
      inflight.add(p);
    }
  } catch (e) {
    fatal = e instanceof InputError ? e.message : (e as NodeJS.ErrnoException).code ? `Reading the file failed: ${(e as Error).message}` : `${(e as Error).name}: ${(e as Error).message}`;
  }
  let links = { parentsLinked: 0, parentsPending: 0, ministriesSet: 0 };
  try {
    await Promise.all(inflight);
    links = await db.transaction((tx) => linkParentsAndMinistries(tx));
  } catch (e) {
    fatal = [fatal, `Writing to the database failed: ${(e as Error).message}`].filter(Boolean).join(' ');
  }
  const summary: ImportSummary = { ...summarise(), ...links, status: fatal ? 'failed' : 'succeeded', fatal, durationMs: Math.round(performance.now() - started) };
  await db
    .update(importRuns)
    .set({
      status: summary.status,
      finishedAt: new Date(),
      fileSha256: summary.input.sha256 || null,
      fileBytes: summary.input.rawBytes,
      counts: {
        records: summary.records,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        skipped: summary.skipped,
        duplicates: summary.duplicates,
        parentsLinked: summary.parentsLinked,
        parentsPending: summary.parentsPending,
        ministriesSet: summary.ministriesSet,
      },
      problems: [
        ...(summary.fatal ? [{ reason: summary.fatal }] : []),
        ...summary.rejections.map((r) => ({ position: `record ${r.position}${r.orgnr ? ` (${r.orgnr})` : ''}`, reason: r.reason })),
      ],
      message: summary.fatal ?? null,
    })
    .where(eq(importRuns.id, summary.runId));
  options.onProgress?.(summary);
  return summary;
}

const HEARTBEAT_MS = 5_000;
/** A run that has shown no sign of life for this long was interrupted (killed, or its machine stopped). */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

/**
 * Ends the runs of imports that were killed before they could record an end (`kill -9`, a lost machine): still
 * `running`, with no heartbeat for INTERRUPTED_AFTER_MS. They become `failed` with a message saying so; the batches
 * they wrote are whole (each is a transaction) and running the file again completes the import. Called when an
 * import starts and when the server starts; safe on several nodes at once (one UPDATE).
 */
export async function endInterruptedImports(db: Executor, now = new Date()): Promise<number> {
  const ended = await db
    .update(importRuns)
    .set({
      status: 'failed',
      finishedAt: now,
      message: 'Interrupted: the import stopped without recording an end. The batches it wrote are whole; run the file again to complete it.',
    })
    .where(and(eq(importRuns.status, 'running'), lt(sql`coalesce(${importRuns.heartbeatAt}, ${importRuns.startedAt})`, new Date(now.getTime() - INTERRUPTED_AFTER_MS))))
    .returning({ id: importRuns.id });
  return ended.length;
}

/** Marks the agencies this import created: only their name and kind follow the register (others are curated). */
export const IMPORT_NOTE = 'Enhetsregisteret-import';

/** Columns the import writes: [column, expression for the new value on conflict]. `a` is the stored row. */
const UPDATES: [string, string][] = [
  ['kind', `case when a.source_note = '${IMPORT_NOTE}' then excluded.kind else a.kind end`],
  ['name', `case when a.source_note = '${IMPORT_NOTE}' then excluded.name else a.name end`],
  ['parent_orgnr', `excluded.parent_orgnr`],
  ['employees', `coalesce(excluded.employees, a.employees)`],
  ['employees_source', `case when excluded.employees is null then a.employees_source else 'register' end`],
  [
    'employees_as_of',
    `case when excluded.employees is null then a.employees_as_of when excluded.employees_as_of is not null then excluded.employees_as_of when excluded.employees is distinct from a.employees then null else a.employees_as_of end`,
  ],
  ['org_form', `coalesce(excluded.org_form, a.org_form)`],
  ['sector_code', `coalesce(excluded.sector_code, a.sector_code)`],
  ['municipality_number', `coalesce(excluded.municipality_number, a.municipality_number)`],
  ['municipality_name', `coalesce(excluded.municipality_name, a.municipality_name)`],
  ['postal_code', `coalesce(excluded.postal_code, a.postal_code)`],
  ['city', `coalesce(excluded.city, a.city)`],
  ['website', `coalesce(excluded.website, a.website)`],
  ['email', `coalesce(excluded.email, a.email)`],
  ['phone', `coalesce(excluded.phone, a.phone)`],
  ['deleted_on', `excluded.deleted_on`],
];
const SET = UPDATES.map(([c, e]) => `${c} = ${e}`).join(', ');
const CHANGED = `(${UPDATES.map(([c]) => `a.${c}`).join(', ')}) is distinct from (${UPDATES.map(([, e]) => e).join(', ')})`;

/** One multi-row upsert: each column one array parameter (unnest), so one statement whatever the batch size. */
async function writeBatch(tx: Executor, columns: string[], count: number): Promise<{ created: number; updated: number; unchanged: number }> {
  const col = (i: number) => sql`${columns[i]!}::text`;
  // A bulk import is idempotent and re-runnable: it need not wait for each batch's WAL flush, and a larger GIN
  // pending list lets the search index absorb the batch before merging. JIT would cost more than it saves here.
  await tx.execute(sql`set local synchronous_commit = off`);
  await tx.execute(sql`set local gin_pending_list_limit = '32MB'`);
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`delete from register_pending_parents where orgnr = any(${col(0)}::text[])`);
  const written = await queryRows<{ orgnr: string; inserted: boolean }>(
    tx,
    sql`with v as (
          select * from unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[],
                               ${col(4)}::int[], ${col(5)}::date[], ${col(6)}::text[], ${col(7)}::text[],
                               ${col(8)}::text[], ${col(9)}::text[], ${col(10)}::text[], ${col(11)}::text[],
                               ${col(12)}::text[], ${col(13)}::text[], ${col(14)}::text[], ${col(15)}::date[])
            as t(orgnr, kind, name, parent, employees, employees_as_of, org_form, sector_code, municipality_number, municipality_name,
                 postal_code, city, website, email, phone, deleted_on)
        )
        insert into agencies as a (orgnr, kind, name, parent_orgnr, employees, employees_source, employees_as_of, org_form, sector_code,
                                   municipality_number, municipality_name, postal_code, city, website, email, phone, deleted_on,
                                   fact_source, source_note)
        select v.orgnr, v.kind, jsonb_build_object('nb', v.name),
               case when v.parent is not null and (exists (select 1 from agencies p where p.orgnr = v.parent)
                                                   or exists (select 1 from v w where w.orgnr = v.parent)) then v.parent end,
               v.employees, case when v.employees is null then null else 'register' end, v.employees_as_of, v.org_form, v.sector_code,
               v.municipality_number, v.municipality_name, v.postal_code, v.city, v.website, v.email, v.phone, v.deleted_on,
               'register', ${IMPORT_NOTE}
          from v
        on conflict (orgnr) do update set ${sql.raw(SET)}, updated_at = now()
        where ${sql.raw(CHANGED)}
        returning a.orgnr, (a.xmax = '0'::xid) as inserted`,
  );
  await tx.execute(
    // Pending: every row whose parent the upsert could not set. Judged by the row as this transaction wrote it, not
    // by whether the parent exists now: another writer may have committed the parent in between.
    sql`insert into register_pending_parents (orgnr, parent_orgnr)
        select t.orgnr, t.parent from unnest(${col(0)}::text[], ${col(3)}::text[]) as t(orgnr, parent)
          join agencies a on a.orgnr = t.orgnr
         where t.parent is not null and a.parent_orgnr is distinct from t.parent`,
  );
  const created = written.filter((w) => w.inserted === true).length;
  return { created, updated: written.length - created, unchanged: count - written.length };
}

/** Links pending parents that have arrived, then sets every agency's ministry to its nearest ministry ancestor. */
export async function linkParentsAndMinistries(tx: Executor): Promise<{ parentsLinked: number; parentsPending: number; ministriesSet: number }> {
  const linked = await queryRows<{ orgnr: string }>(
    tx,
    sql`update agencies a set parent_orgnr = p.parent_orgnr, updated_at = now()
          from register_pending_parents p
         where a.orgnr = p.orgnr and a.parent_orgnr is distinct from p.parent_orgnr
           and exists (select 1 from agencies x where x.orgnr = p.parent_orgnr)
        returning a.orgnr`,
  );
  await tx.execute(sql`delete from register_pending_parents p where exists (select 1 from agencies x where x.orgnr = p.parent_orgnr)`);
  const [pending] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from register_pending_parents`);
  const ministries = await queryRows<{ orgnr: string }>(
    tx,
    sql`with recursive chain(orgnr, ancestor, depth) as (
          select orgnr, parent_orgnr, 1 from agencies where parent_orgnr is not null and kind <> 'ministry'
          union all
          select c.orgnr, a.parent_orgnr, c.depth + 1
            from chain c join agencies a on a.orgnr = c.ancestor
           where a.kind <> 'ministry' and a.parent_orgnr is not null and c.depth < 20
        ),
        nearest as (
          select distinct on (c.orgnr) c.orgnr, c.ancestor as ministry
            from chain c join agencies m on m.orgnr = c.ancestor and m.kind = 'ministry'
           order by c.orgnr, c.depth
        )
        update agencies a set ministry_orgnr = n.ministry, updated_at = now()
          from nearest n
         where a.orgnr = n.orgnr and a.ministry_orgnr is distinct from n.ministry
        returning a.orgnr`,
  );
  return { parentsLinked: linked.length, parentsPending: pending?.n ?? 0, ministriesSet: ministries.length };
}
