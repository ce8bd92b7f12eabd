/**
 * Loads the demo dataset (data/demo, see its README) into the catalogue tables: validated first, then written in
 * one transaction with multi-row inserts, slugs and org numbers resolved to the generated ids on the way.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../database.js';
import { agencies, areas, providers, servicePrices, serviceRelations, services, subscriptions, tiers } from '../schema/index.js';
import { demoDataDir } from '../../paths.js';
import { writeDemoAccess } from './demoAccess.js';
import { writeDemoCollaboration } from './demoCollaboration.js';
import { writeDemoBaselines } from './demoBaselines.js';
import { resolveServices, validateDemoData, type DemoData, type ServiceFile } from './format.js';

export interface DemoLoadSummary {
  areas: number;
  agencies: number;
  providers: number;
  services: number;
  tiers: number;
  subscriptions: number;
}

/** The dataset failed validation; `problems` lists every finding. */
export class DemoDataError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20).join('\n  ');
    super(`The demo dataset has ${problems.length} problem(s):\n  ${shown}${problems.length > 20 ? '\n  …' : ''}`);
    this.name = 'DemoDataError';
  }
}

/**
 * When a service entry was last changed, if the data does not say: the date of the report the dataset describes,
 * so only entries with their own `changedAt` show up as "new and changed".
 */
export const DEFAULT_CHANGED_AT = '2020-12-10T12:00:00Z';

/** Loads data/demo into an empty database (no services yet). Returns undefined if there was data already. */
export async function loadDemoDataIfEmpty(db: Database): Promise<DemoLoadSummary | undefined> {
  const [row] = await db.select({ n: count() }).from(services);
  if ((row?.n ?? 0) > 0) return undefined;
  return loadDemoData(db);
}

/** Reads, validates and writes the demo dataset in one transaction. Throws DemoDataError if it is invalid. */
export async function loadDemoData(db: Database): Promise<DemoLoadSummary> {
  const data = readDemoData();
  const problems = validateDemoData(data);
  if (problems.length > 0) throw new DemoDataError(problems);
  return writeDemoData(db, data);
}

/** Parses the dataset's files. Only the shape of the top level is checked here; the rest is validateDemoData's. */
export function readDemoData(dir: string = demoDataDir): DemoData {
  const list = <T>(file: string): T[] => {
    const value: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!Array.isArray(value)) throw new DemoDataError([`${file}: expected an array`]);
    return value as T[];
  };
  const serviceFiles: Record<string, ServiceFile> = {};
  for (const file of readdirSync(join(dir, 'services')).filter((f) => f.endsWith('.json')).sort()) {
    const value = JSON.parse(readFileSync(join(dir, 'services', file), 'utf8')) as ServiceFile;
    if (typeof value !== 'object' || value === null || !Array.isArray(value.services)) {
      throw new DemoDataError([`services/${file}: expected { provider, services: [...] }`]);
    }
    serviceFiles[file] = value;
  }
  return {
    areas: list('areas.json'),
    agencies: list('agencies.json'),
    providers: list('providers.json'),
    serviceFiles,
    subscriptions: list('subscriptions.json'),
  };
}

/** Writes validated data; every row or none. Fields the data leaves out take the column's default. */
export async function writeDemoData(db: Database, data: DemoData): Promise<DemoLoadSummary> {
  const resolved = resolveServices(data);
  const providerIds = new Map(data.providers.map((p) => [p.slug, randomUUID()]));
  const serviceIds = new Map(resolved.map((s) => [s.slug, randomUUID()]));
  const tierIds = new Map<string, string>();
  const tierRows: (typeof tiers.$inferInsert)[] = [];
  for (const s of resolved) {
    for (const [i, t] of (s.tiers ?? []).entries()) {
      const id = randomUUID();
      tierIds.set(`${s.slug} ${t.slug}`, id);
      tierRows.push({
        id,
        serviceId: serviceIds.get(s.slug)!,
        slug: t.slug,
        name: t.name,
        description: t.description,
        kind: t.kind,
        sortOrder: t.sortOrder ?? i,
        current: t.current,
      });
    }
  }
  // Relations are symmetric and stored once per pair, whichever side the data names them on.
  const pairs = new Map<string, [string, string]>();
  for (const s of resolved) for (const r of s.related ?? []) pairs.set([s.slug, r].sort().join(' '), [s.slug, r]);
  const relationRows: (typeof serviceRelations.$inferInsert)[] = [...pairs.values()].map(([a, b]) => ({
    serviceId: serviceIds.get(a)!,
    relatedServiceId: serviceIds.get(b)!,
  }));

  const agencyDepth = depthOf(data.agencies, (a) => a.orgnr, (a) => [a.parentOrgnr, a.ministryOrgnr]);
  const providerDepth = depthOf(data.providers, (p) => p.slug, (p) => [p.parent]);
  const serviceDepth = depthOf(resolved, (s) => s.slug, (s) => [s.parent]);

  await db.transaction(async (tx) => {
    // Areas keep their provenance in the file only; the table has no column for it.
    await insertInBatches(
      tx,
      areas,
      data.areas.map((a) => ({ slug: a.slug, name: a.name, description: a.description, sortOrder: a.sortOrder, gapArea: a.gapArea })),
    );
    // The agency records carry exactly the table's columns; absent fields take the column default (null).
    await insertInBatches(tx, agencies, [...data.agencies].sort((a, b) => agencyDepth(a) - agencyDepth(b)));
    await insertInBatches(
      tx,
      providers,
      [...data.providers]
        .sort((a, b) => providerDepth(a) - providerDepth(b))
        .map((p) => ({
          id: providerIds.get(p.slug)!,
          slug: p.slug,
          name: p.name,
          shortName: p.shortName,
          orgnr: p.orgnr,
          model: p.model,
          ministryOrgnr: p.ministryOrgnr,
          parentProviderId: p.parent ? providerIds.get(p.parent)! : null,
          description: p.description,
          website: p.website,
          contact: p.contact,
          factSource: p.factSource,
          sourceRef: p.sourceRef,
        })),
    );
    await insertInBatches(
      tx,
      services,
      [...resolved]
        .sort((a, b) => serviceDepth(a) - serviceDepth(b))
        .map((s) => {
          const changedAt = new Date(s.changedAt ?? DEFAULT_CHANGED_AT);
          return {
            id: serviceIds.get(s.slug)!,
            slug: s.slug,
            providerId: providerIds.get(s.provider)!,
            areaSlug: s.area,
            parentServiceId: s.parent ? serviceIds.get(s.parent)! : null,
            kind: s.kind,
            name: s.name,
            summary: s.summary,
            description: s.description,
            model: s.model,
            targetGroup: s.targetGroup,
            targetMinistryOrgnr: s.targetMinistryOrgnr,
            targetDescription: s.targetDescription,
            obligation: s.obligation,
            financing: s.financing,
            financingNote: s.financingNote,
            status: s.status,
            launchedOn: s.launchedOn,
            plannedOn: s.plannedOn,
            phasedOutOn: s.phasedOutOn,
            serviceLevels: s.serviceLevels,
            supportChannels: s.supportChannels,
            howToJoin: s.howToJoin,
            website: s.website,
            reportedUsers: s.reportedUsers,
            reportedUsersNote: s.reportedUsersNote,
            reportedUsersYear: s.reportedUsersYear,
            keywords: (s.keywords ?? []).join(' '),
            factSource: s.factSource,
            sourceRef: s.sourceRef,
            createdAt: changedAt,
            updatedAt: changedAt,
          };
        }),
    );
    await insertInBatches(tx, tiers, tierRows);
    await insertInBatches(
      tx,
      servicePrices,
      resolved.flatMap((s) =>
        (s.prices ?? []).map((p, i) => ({ serviceId: serviceIds.get(s.slug)!, sortOrder: i, label: p.label, amount: p.amount, unit: p.unit, note: p.note, validFrom: p.validFrom })),
      ),
    );
    await insertInBatches(tx, serviceRelations, relationRows);
    await insertInBatches(
      tx,
      subscriptions,
      data.subscriptions.map((s) => ({
        agencyOrgnr: s.agency,
        serviceId: serviceIds.get(s.service)!,
        tierId: s.tier ? tierIds.get(`${s.service} ${s.tier}`)! : null,
        startedOn: s.startedOn,
        endedOn: s.endedOn,
        endReason: s.endReason,
        factSource: s.factSource,
        note: s.note,
        createdBy: 'demo-data',
      })),
    );
    // Demo users for every role, API clients, and procurements in several states (after the catalogue they refer to).
    await writeDemoAccess(tx);
    // Networks, needs, surveys with responses, ideas and gains (after the users and questionnaires).
    await writeDemoCollaboration(tx);
    // Baselines and results per agency (after the subscriptions they belong to).
    await writeDemoBaselines(tx, new Date());
  });

  return {
    areas: data.areas.length,
    agencies: data.agencies.length,
    providers: data.providers.length,
    services: resolved.length,
    tiers: tierRows.length,
    subscriptions: data.subscriptions.length,
  };
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Multi-row inserts, as many rows per statement as stay well under PostgreSQL's 65 535 bind parameters. Rows that
 * refer to rows of the same table must come after them (callers sort by depth).
 */
async function insertInBatches<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.floor(30_000 / Object.keys(getTableColumns(table)).length);
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size));
  }
}

/** How many ancestors a row has among its own kind (0 for roots), so parents can be written before children. */
function depthOf<T>(rows: readonly T[], keyOf: (row: T) => string, parentsOf: (row: T) => (string | undefined)[]): (row: T) => number {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  const memo = new Map<string, number>();
  const depth = (row: T, seen: Set<string>): number => {
    const key = keyOf(row);
    const known = memo.get(key);
    if (known !== undefined) return known;
    seen.add(key);
    let d = 0;
    for (const p of parentsOf(row)) {
      const parent = p === undefined || p === key || seen.has(p) ? undefined : byKey.get(p);
      if (parent) d = Math.max(d, depth(parent, seen) + 1);
    }
    memo.set(key, d);
    return d;
  };
  return (row) => depth(row, new Set());
}
