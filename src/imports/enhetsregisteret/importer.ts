import { eq } from 'drizzle-orm';
import { type Database, type Executor, queryRows, sql } from '../../db/database.js';
import { importRuns } from '../../db/schema/index.js';
import { type AgencyRow, loadMinistries, mapRecord } from './record.js';
import { emptyStats, InputError, type InputStats, readEnhetsregisteret } from './reader.js';

/**
 * `importEnhetsregisteret`: upserts agencies from Enhetsregisteret JSON, keyed on org number.
 *
 * - Idempotent: a unit whose stored facts equal the register's is left alone (counted "unchanged"); a second run of
 *   the same file changes nothing.
 * - Batches of `batchSize` units, each one transaction (atomic). A fatal input error (malformed JSON, truncated
 *   gzip, wrong encoding) stops the read; the records read before it are written, batch by batch, and the run is
 *   recorded as failed with the position. Running the fixed file again completes the import.
 * - A refused record (invalid org number, no name …) never stops the run: it is counted with its position and reason.
 * - Register facts (form, sector, address, contact, employees, deletion, parent) follow the register. The name and
 *   kind follow it only for agencies the register created (`fact_source = 'register'`): a curated name stays.
 *   Facts the register leaves out (a website, an e-mail) do not erase what the portal has.
 * - Parents (`overordnetEnhet`) are linked when the parent is there; otherwise kept in `register_pending_parents`
 *   and linked at the end of this or a later run. Then every agency's ministry is set to its nearest ancestor
 *   that is a ministry.
 */

export interface ImportOptions {
  /** Who runs it, for the import record (e.g. "cli: kari" or "cron"). */
  actorLabel: string;
  fileName?: string | undefined;
  batchSize?: number | undefined;
  orgForms?: ReadonlySet<string> | undefined;
  sectors?: ReadonlySet<string> | undefined;
  ministries?: ReadonlySet<string> | undefined;
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

export interface Rejection {
  /** 1-based record number in the file. */
  position: number;
  orgnr?: string | undefined;
  reason: string;
}

export interface ImportSummary extends ImportProgress {
  runId: string;
  status: 'succeeded' | 'failed';
  /** The same org number more than once in the file: the later record wins. */
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

const MAX_LISTED_REJECTIONS = 100;
const DEFAULT_BATCH = 2000;

/** Groups reasons like "… (\"123\")" under their text without the value, so counts stay readable. */
const reasonKey = (reason: string) => reason.replace(/\s*\(.*\)$/, '');

export async function importEnhetsregisteret(db: Database, source: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const ministries = options.ministries ?? loadMinistries();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const [run] = await db
    .insert(importRuns)
    .values({ kind: 'enhetsregisteret', actorKind: 'system', actorLabel: options.actorLabel, fileName: options.fileName ?? null })
    .returning({ id: importRuns.id });
  const input = emptyStats();
  const summary: ImportSummary = {
    runId: run!.id,
    status: 'succeeded',
    rawBytes: 0,
    records: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    skipped: 0,
    duplicates: 0,
    rejections: [],
    rejectedByReason: {},
    skippedByReason: {},
    parentsLinked: 0,
    parentsPending: 0,
    ministriesSet: 0,
    input,
    durationMs: 0,
  };
  const reject = (r: Rejection) => {
    summary.rejected++;
    const key = reasonKey(r.reason);
    summary.rejectedByReason[key] = (summary.rejectedByReason[key] ?? 0) + 1;
    if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push(r);
  };
  const progress = () => options.onProgress?.({ ...summary, rawBytes: input.rawBytes });

  let batch = new Map<string, { row: AgencyRow; position: number }>();
  let inflight: Promise<void> | undefined;
  const flush = async (rows: { row: AgencyRow; position: number }[]) => {
    try {
      const counted = await db.transaction((tx) => writeBatch(tx, rows.map((r) => r.row)));
      summary.created += counted.created;
      summary.updated += counted.updated;
      summary.unchanged += counted.unchanged;
    } catch (e) {
      // A batch the database refuses: write its rows one by one, so the one at fault is rejected with its reason.
      for (const r of rows) {
        try {
          const counted = await db.transaction((tx) => writeBatch(tx, [r.row]));
          summary.created += counted.created;
          summary.updated += counted.updated;
          summary.unchanged += counted.unchanged;
        } catch (rowError) {
          reject({ position: r.position, orgnr: r.row.orgnr, reason: `the database refused it: ${(rowError as Error).message.split('\n')[0]}` });
        }
      }
      void e;
    }
    progress();
  };
  const queue = async () => {
    const rows = [...batch.values()];
    batch = new Map();
    await inflight; // at most one batch in flight: parse the next while the database writes this one
    inflight = flush(rows);
  };

  try {
    for await (const records of readEnhetsregisteret(source, input)) {
      for (const { value, position } of records) {
        summary.records++;
        const mapped = mapRecord(value, { ministries, orgForms: options.orgForms, sectors: options.sectors });
        if (!mapped.ok) {
          if (mapped.skipped) {
            summary.skipped++;
            const key = reasonKey(mapped.reason);
            summary.skippedByReason[key] = (summary.skippedByReason[key] ?? 0) + 1;
          } else {
            const orgnr = typeof (value as { organisasjonsnummer?: unknown })?.organisasjonsnummer === 'string' ? (value as { organisasjonsnummer: string }).organisasjonsnummer : undefined;
            reject({ position, orgnr, reason: mapped.reason });
          }
          continue;
        }
        if (batch.has(mapped.row.orgnr)) summary.duplicates++;
        batch.delete(mapped.row.orgnr);
        batch.set(mapped.row.orgnr, { row: mapped.row, position });
        if (batch.size >= batchSize) await queue();
      }
    }
  } catch (e) {
    summary.status = 'failed';
    summary.fatal = e instanceof InputError ? e.message : `Reading the file failed: ${(e as Error).message}`;
    if (!(e instanceof InputError) && !(e as NodeJS.ErrnoException).code) {
      // Not a problem with the file: a bug or the database. Still record the run, then let it surface.
      summary.fatal = `${(e as Error).name}: ${(e as Error).message}`;
    }
  }
  try {
    if (batch.size) await queue();
    await inflight;
    const links = await db.transaction((tx) => linkParentsAndMinistries(tx));
    Object.assign(summary, links);
  } catch (e) {
    summary.status = 'failed';
    summary.fatal = [summary.fatal, `Writing to the database failed: ${(e as Error).message}`].filter(Boolean).join(' ');
  }
  summary.durationMs = Math.round(performance.now() - started);
  summary.rawBytes = input.rawBytes;
  await db
    .update(importRuns)
    .set({
      status: summary.status,
      finishedAt: new Date(),
      fileSha256: input.sha256 || null,
      fileBytes: input.rawBytes,
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
  progress();
  return summary;
}

/** Columns the import writes: [column, expression for the new value on conflict]. `a` is the stored row. */
const UPDATES: [string, string][] = [
  ['kind', `case when a.fact_source = 'register' then excluded.kind else a.kind end`],
  ['name', `case when a.fact_source = 'register' then excluded.name else a.name end`],
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

/** One multi-row upsert (arrays + unnest: one statement, a fixed number of parameters, whatever the batch size). */
async function writeBatch(tx: Executor, rows: AgencyRow[]): Promise<{ created: number; updated: number; unchanged: number }> {
  const col = <K extends keyof AgencyRow>(k: K) => sql.param(rows.map((r) => r[k]));
  const orgnrs = col('orgnr');
  // A bulk import is idempotent and re-runnable: it need not wait for each batch's WAL flush, and a larger GIN
  // pending list lets the search index absorb the batch before merging.
  await tx.execute(sql`set local synchronous_commit = off`);
  await tx.execute(sql`set local gin_pending_list_limit = '32MB'`);
  // JIT compilation would cost more than it saves on statements this size, in every batch.
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`delete from register_pending_parents where orgnr = any(${orgnrs}::text[])`);
  const written = await queryRows<{ orgnr: string; inserted: boolean }>(
    tx,
    sql`with v as (
          select * from unnest(${orgnrs}::text[], ${col('kind')}::text[], ${col('name')}::text[], ${col('parentOrgnr')}::text[],
                               ${col('employees')}::int[], ${col('employeesAsOf')}::date[], ${col('orgForm')}::text[], ${col('sectorCode')}::text[],
                               ${col('municipalityNumber')}::text[], ${col('municipalityName')}::text[], ${col('postalCode')}::text[], ${col('city')}::text[],
                               ${col('website')}::text[], ${col('email')}::text[], ${col('phone')}::text[], ${col('deletedOn')}::date[])
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
               'register', 'Enhetsregisteret'
          from v
        on conflict (orgnr) do update set ${sql.raw(SET)}, updated_at = now()
        where ${sql.raw(CHANGED)}
        returning a.orgnr, (a.xmax = '0'::xid) as inserted`,
  );
  await tx.execute(
    sql`insert into register_pending_parents (orgnr, parent_orgnr)
        select t.orgnr, t.parent from unnest(${orgnrs}::text[], ${col('parentOrgnr')}::text[]) as t(orgnr, parent)
         where t.parent is not null and not exists (select 1 from agencies p where p.orgnr = t.parent)`,
  );
  const created = written.filter((w) => w.inserted === true).length;
  const updated = written.length - created;
  return { created, updated, unchanged: rows.length - written.length };
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
