import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { capacityForProvider, editsProvider, isAdmin, type Principal } from '../../domain/principal.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { pickText } from '../../domain/catalogue.js';
import { checkOrgnr, type OrgnrProblem } from '../../domain/orgnr.js';
import type { Executor } from '../../db/database.js';
import { agencies, importRuns, providers, services, subscriptions, tiers } from '../../db/schema/index.js';
import { messages } from '../../web/i18n/index.js';
import { type Column, FileProblem, parseDate, parseUsageFile, type ParsedUsageFile } from './parse.js';
import { osloToday } from '../../domain/osloTime.js';

/**
 * A provider's customer list, previewed and applied (`previewUsageImport`, `applyUsageImport`).
 *
 * The file says which agencies use which of the provider's services, in which tier, from (and until) when. The plan
 * compares it with the register: rows to add, tier changes (the open row is ended and a new one started: history is
 * never overwritten), rows to end (customers missing from the file), unchanged rows, and row-level errors with line
 * numbers. Applying runs the same plan inside one transaction and writes all of it or nothing, only for the
 * provider's own services, and records the run in `import_runs`.
 */

export type { Actor };

/** Which of the provider's customers may be ended for being absent from the file. */
export type EndScope = 'file' | 'all';

export type RowErrorCode =
  | 'invalidOrgnr'
  | 'unknownAgency'
  | 'missingService'
  | 'unknownService'
  | 'notProvidersService'
  | 'missingTier'
  | 'unknownTier'
  | 'noTiers'
  | 'missingFrom'
  | 'badDate'
  | 'toBeforeFrom'
  | 'futureTo'
  | 'duplicate';

export interface RowError {
  line: number;
  column: Column | null;
  code: RowErrorCode;
  /** The cell as written (for the message; shown as text, never evaluated). */
  value?: string | undefined;
  params?: { problem?: OrgnrProblem; allowed?: string; firstLine?: number } | undefined;
}

export interface RowNote {
  line: number;
  code: 'formula' | 'startDiffers';
  column?: Column | undefined;
  params?: { register?: string; file?: string } | undefined;
}

export interface PlanItem {
  line: number | null;
  orgnr: string;
  agencyName: LocalizedText;
  service: string;
  serviceName: LocalizedText;
  tier: string | null;
  /** For a change: the tier now. */
  previousTier?: string | null | undefined;
  from: string | null;
  to: string | null;
  /** The open subscription that is ended (change, end). */
  subscriptionId?: string | undefined;
}

export interface UsagePlan {
  provider: { id: string; slug: string; name: LocalizedText };
  file: { name: string | null; sha256: string; bytes: number; format: ParsedUsageFile['format']; encoding?: string | undefined; separator?: string | undefined; rows: number };
  scope: EndScope;
  add: PlanItem[];
  change: PlanItem[];
  end: PlanItem[];
  unchanged: PlanItem[];
  errors: RowError[];
  notes: RowNote[];
}

export interface UsageImportOptions {
  providerSlug: string;
  file: Buffer;
  fileName?: string | null | undefined;
  scope?: EndScope | undefined;
  /** The date ends and changes are dated by; today by default. */
  today?: string | undefined;
}

export class UsageImportError extends Error {
  constructor(
    readonly status: 401 | 403 | 404 | 422,
    readonly code: 'unknownProvider' | 'forbidden' | 'hasErrors' | 'file',
    readonly fileProblem?: FileProblem,
    readonly plan?: UsagePlan,
  ) {
    super(code);
    this.name = 'UsageImportError';
  }
}

/** Today in Oslo: the register's dates are Norwegian calendar days. */
const todayIso = () => osloToday();
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const maxDate = (a: string | null, b: string) => (a && a > b ? a : b);

async function loadProvider(db: Executor, slug: string) {
  const [p] = await db.select({ id: providers.id, slug: providers.slug, name: providers.name }).from(providers).where(eq(providers.slug, slug));
  if (!p) throw new UsageImportError(404, 'unknownProvider');
  return p;
}

/** Plans an import against the register as it is now (inside the apply transaction: with the rows locked). */
async function plan(db: Executor, provider: { id: string; slug: string; name: LocalizedText }, parsed: ParsedUsageFile, options: UsageImportOptions, lock: boolean): Promise<UsagePlan> {
  const today = options.today ?? todayIso();
  const scope = options.scope ?? 'file';
  const result: UsagePlan = {
    provider,
    file: {
      name: options.fileName ?? null,
      sha256: createHash('sha256').update(options.file).digest('hex'),
      bytes: options.file.length,
      format: parsed.format,
      encoding: parsed.encoding,
      separator: parsed.separator,
      rows: parsed.rows.length,
    },
    scope,
    add: [],
    change: [],
    end: [],
    unchanged: [],
    errors: [],
    notes: [],
  };
  const slugs = [...new Set(parsed.rows.map((r) => r.cells.service).filter(Boolean))];
  const orgnrs = [...new Set(parsed.rows.map((r) => checkOrgnr(r.cells.orgnr)).flatMap((c) => (c.ok ? [c.orgnr] : [])))];
  // One query after another: inside the apply transaction they share one connection.
  const serviceRows = slugs.length
    ? await db.select({ id: services.id, slug: services.slug, name: services.name, providerId: services.providerId }).from(services).where(inArray(services.slug, slugs))
    : [];
  const ownServices = await db.select({ id: services.id, slug: services.slug, name: services.name }).from(services).where(eq(services.providerId, provider.id));
  const agencyRows = orgnrs.length ? await db.select({ orgnr: agencies.orgnr, name: agencies.name }).from(agencies).where(inArray(agencies.orgnr, orgnrs)) : [];
  const serviceBySlug = new Map(serviceRows.map((s) => [s.slug, s]));
  const serviceById = new Map(ownServices.map((s) => [s.id, s]));
  const agencyByOrgnr = new Map(agencyRows.map((a) => [a.orgnr, a]));
  const ownIds = ownServices.map((s) => s.id);
  const tierRows = ownIds.length ? await db.select({ id: tiers.id, serviceId: tiers.serviceId, slug: tiers.slug }).from(tiers).where(inArray(tiers.serviceId, ownIds)).orderBy(tiers.sortOrder) : [];
  const subQuery = db
    .select({ id: subscriptions.id, orgnr: subscriptions.agencyOrgnr, serviceId: subscriptions.serviceId, tierId: subscriptions.tierId, startedOn: subscriptions.startedOn, endedOn: subscriptions.endedOn, agencyName: agencies.name })
    .from(subscriptions)
    .innerJoin(agencies, eq(agencies.orgnr, subscriptions.agencyOrgnr))
    .where(inArray(subscriptions.serviceId, ownIds.length ? ownIds : ['00000000-0000-0000-0000-000000000000']));
  const subRows = await (lock ? subQuery.for('update', { of: subscriptions }) : subQuery);
  const tiersOf = new Map<string, Map<string, string>>();
  for (const t of tierRows) {
    if (!tiersOf.has(t.serviceId)) tiersOf.set(t.serviceId, new Map());
    tiersOf.get(t.serviceId)!.set(t.slug, t.id);
  }
  const tierSlug = new Map(tierRows.map((t) => [t.id, t.slug]));
  const open = new Map(subRows.filter((s) => s.endedOn === null).map((s) => [`${s.orgnr}|${s.serviceId}`, s]));
  const ended = new Set(subRows.filter((s) => s.endedOn !== null).map((s) => `${s.orgnr}|${s.serviceId}|${s.tierId}|${s.startedOn}|${s.endedOn}`));

  const seen = new Map<string, { line: number; open: boolean; text: string }>();
  const present = new Set<string>();
  const servicesInFile = new Set<string>();
  for (const row of parsed.rows) {
    const errors: RowError[] = [];
    const err = (column: Column | null, code: RowErrorCode, params?: RowError['params']) => errors.push({ line: row.line, column, code, value: column ? row.cells[column] : undefined, params });
    for (const column of row.formulaCells) result.notes.push({ line: row.line, code: 'formula', column });
    const c = row.cells;
    const orgnr = checkOrgnr(c.orgnr);
    if (!orgnr.ok) err('orgnr', 'invalidOrgnr', { problem: orgnr.problem });
    else if (!agencyByOrgnr.has(orgnr.orgnr)) err('orgnr', 'unknownAgency');
    const service = c.service ? serviceBySlug.get(c.service) : undefined;
    if (!c.service) err('service', 'missingService');
    else if (!service) err('service', 'unknownService');
    else if (service.providerId !== provider.id) err('service', 'notProvidersService');
    let tierId: string | null = null;
    if (service && service.providerId === provider.id) {
      const options = tiersOf.get(service.id);
      if (options?.size) {
        if (!c.tier) err('tier', 'missingTier', { allowed: [...options.keys()].join(', ') });
        else if (!options.has(c.tier)) err('tier', 'unknownTier', { allowed: [...options.keys()].join(', ') });
        else tierId = options.get(c.tier)!;
      } else if (c.tier) err('tier', 'noTiers');
    }
    const from = c.from ? parseDate(c.from) : undefined;
    if (!c.from) err('from', 'missingFrom');
    else if (!from) err('from', 'badDate');
    const to = c.to ? parseDate(c.to) : null;
    if (c.to && !to) err('to', 'badDate');
    if (from && to && to < from) err('to', 'toBeforeFrom');
    if (to && to > today) err('to', 'futureTo');
    if (errors.length === 0 && orgnr.ok && service) {
      const key = `${orgnr.orgnr}|${service.id}`;
      const text = [orgnr.orgnr, service.id, c.tier, from, to].join('|');
      const first = seen.get(key);
      if (first && ((first.open && !to) || first.text === text)) err(null, 'duplicate', { firstLine: first.line });
      if (!first || (!first.open && !to)) seen.set(key, { line: row.line, open: !to, text });
    }
    if (errors.length) {
      result.errors.push(...errors);
      continue;
    }
    const key = `${(orgnr as { orgnr: string }).orgnr}|${service!.id}`;
    present.add(key);
    servicesInFile.add(service!.id);
    const item: PlanItem = {
      line: row.line,
      orgnr: (orgnr as { orgnr: string }).orgnr,
      agencyName: agencyByOrgnr.get((orgnr as { orgnr: string }).orgnr)!.name,
      service: service!.slug,
      serviceName: service!.name,
      tier: c.tier || null,
      from: from!,
      to: to ?? null,
    };
    const current = open.get(key);
    if (!to) {
      if (!current) result.add.push(item);
      else if (current.tierId === tierId) {
        result.unchanged.push({ ...item, subscriptionId: current.id });
        if (current.startedOn !== from) result.notes.push({ line: row.line, code: 'startDiffers', column: 'from', params: { register: current.startedOn ?? '–', file: from! } });
      } else result.change.push({ ...item, previousTier: current.tierId ? (tierSlug.get(current.tierId) ?? null) : null, subscriptionId: current.id });
    } else if (current && (current.startedOn === null || current.startedOn <= to)) {
      result.end.push({ ...item, subscriptionId: current.id });
    } else if (ended.has(`${key}|${tierId}|${from}|${to}`)) {
      result.unchanged.push(item);
    } else {
      result.add.push(item);
    }
  }
  // Customers missing from the file: their open subscriptions end today (within the scope).
  for (const s of subRows) {
    if (s.endedOn !== null || present.has(`${s.orgnr}|${s.serviceId}`)) continue;
    if (scope === 'file' && !servicesInFile.has(s.serviceId)) continue;
    const svc = serviceById.get(s.serviceId)!;
    result.end.push({
      line: null,
      orgnr: s.orgnr,
      agencyName: s.agencyName,
      service: svc.slug,
      serviceName: svc.name,
      tier: s.tierId ? (tierSlug.get(s.tierId) ?? null) : null,
      from: s.startedOn,
      to: today,
      subscriptionId: s.id,
    });
  }
  const byLine = (a: PlanItem, b: PlanItem) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.orgnr.localeCompare(b.orgnr);
  for (const list of [result.add, result.change, result.end, result.unchanged]) list.sort(byLine);
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

async function parse(file: Buffer): Promise<ParsedUsageFile> {
  try {
    return await parseUsageFile(file);
  } catch (e) {
    if (e instanceof FileProblem) throw new UsageImportError(422, 'file', e);
    throw e;
  }
}

/** The dry run: what applying the file would do. Writes nothing. */
export async function previewUsageImport(db: Executor, options: UsageImportOptions): Promise<UsagePlan> {
  const provider = await loadProvider(db, options.providerSlug);
  return plan(db, provider, await parse(options.file), options, false);
}

/** Only the provider's own editors (or an administrator) may change its customers. */
export function authorise(principal: Principal, providerId: string): void {
  if (!isAdmin(principal) && !editsProvider(principal, providerId)) throw new UsageImportError(403, 'forbidden');
}

export interface ApplyResult {
  runId: string;
  plan: UsagePlan;
}

/**
 * Applies the file: the plan is made again inside the transaction (the register may have changed since the
 * preview) and written whole, or nothing is written (any row error, any database error). `expectedSha256` and
 * `expectedCounts` let a form refuse to apply when the file or the plan differs from what the user saw.
 */
export async function applyUsageImport(db: Executor, actor: Actor, options: UsageImportOptions): Promise<ApplyResult> {
  const parsed = await parse(options.file);
  const provider = await loadProvider(db, options.providerSlug);
  authorise(actor.principal, provider.id);
  const today = options.today ?? todayIso();
  return db.transaction(async (tx) => {
    const p = await plan(tx, provider, parsed, options, true);
    if (p.errors.length) throw new UsageImportError(422, 'hasErrors', undefined, p);
    const [run] = await tx
      .insert(importRuns)
      .values({
        kind: 'usage',
        status: 'succeeded',
        actorKind: editsProvider(actor.principal, provider.id) ? 'provider' : 'admin',
        actorProviderId: editsProvider(actor.principal, provider.id) ? provider.id : null,
        actorLabel: actor.principal.email ?? actor.principal.name,
        providerId: provider.id,
        fileName: options.fileName ?? null,
        fileSha256: p.file.sha256,
        fileBytes: p.file.bytes,
        finishedAt: new Date(),
        counts: { rows: p.file.rows, added: p.add.length, changed: p.change.length, ended: p.end.length, unchanged: p.unchanged.length },
      })
      .returning({ id: importRuns.id });
    const runId = run!.id;
    const createdBy = `usage-import:${runId}`;
    const serviceIds = new Map((await tx.select({ id: services.id, slug: services.slug }).from(services).where(eq(services.providerId, provider.id))).map((s) => [s.slug, s.id]));
    const tierIds = new Map(
      (await tx.select({ id: tiers.id, serviceId: tiers.serviceId, slug: tiers.slug }).from(tiers).where(inArray(tiers.serviceId, [...serviceIds.values(), '00000000-0000-0000-0000-000000000000']))).map((t) => [`${t.serviceId}|${t.slug}`, t.id]),
    );
    const row = (i: PlanItem, startedOn: string | null, endedOn: string | null) => {
      const serviceId = serviceIds.get(i.service)!;
      return {
        agencyOrgnr: i.orgnr,
        serviceId,
        tierId: i.tier ? (tierIds.get(`${serviceId}|${i.tier}`) ?? null) : null,
        startedOn,
        endedOn,
        factSource: 'provider' as const,
        createdBy,
        note: `Kundeliste fra leverandøren${i.line ? `, linje ${i.line}` : ''}`,
      };
    };
    const endRow = async (id: string, endedOn: string, reason: string) => {
      const [cur] = await tx.select({ startedOn: subscriptions.startedOn }).from(subscriptions).where(eq(subscriptions.id, id));
      await tx
        .update(subscriptions)
        .set({ endedOn: maxDate(cur?.startedOn ?? null, endedOn), endReason: reason })
        .where(and(eq(subscriptions.id, id), isNull(subscriptions.endedOn)));
    };
    for (const i of p.change) {
      await endRow(i.subscriptionId!, dayBefore(i.from!), 'Byttet tjenestemodell (kundeliste fra leverandøren)');
      await tx.insert(subscriptions).values(row(i, i.from, null));
    }
    for (const i of p.end) await endRow(i.subscriptionId!, i.to ?? today, i.line ? 'Avsluttet i kundelisten fra leverandøren' : messages.nb.usageImport.endReasonAbsent);
    if (p.add.length) await tx.insert(subscriptions).values(p.add.map((i) => row(i, i.from, i.to)));
    await recordAudit(tx, actor, capacityForProvider(actor.principal, provider.id), {
      action: 'usage-import.applied',
      entityType: 'import_run',
      entityId: runId,
      after: { provider: provider.slug, file: options.fileName ?? null, sha256: p.file.sha256, added: p.add.length, changed: p.change.length, ended: p.end.length },
    });
    return { runId, plan: p };
  });
}

/** A row error as a sentence in the user's language. */
export function describeRowError(e: RowError, lang: Language): string {
  const t = messages[lang];
  const r = t.usageImport.rowErrors;
  const v = e.value ?? '';
  const column = e.column ? (e.column === 'from' ? t.usageImport.from : e.column === 'to' ? t.usageImport.to : e.column) : '';
  switch (e.code) {
    case 'invalidOrgnr':
      return `${t.errors.invalidOrgnr[e.params!.problem!]}${v ? ` («${v}»)` : ''}`;
    case 'unknownAgency':
      return r.unknownAgency(v);
    case 'missingService':
      return r.missingService;
    case 'unknownService':
      return r.unknownService(v);
    case 'notProvidersService':
      return r.notProvidersService(v);
    case 'missingTier':
      return r.missingTier(e.params!.allowed!);
    case 'unknownTier':
      return r.unknownTier(v, e.params!.allowed!);
    case 'noTiers':
      return r.noTiers(v);
    case 'missingFrom':
      return r.missingFrom;
    case 'badDate':
      return r.badDate(column, v);
    case 'toBeforeFrom':
      return r.toBeforeFrom;
    case 'futureTo':
      return r.futureTo;
    case 'duplicate':
      return r.duplicate(e.params!.firstLine!);
  }
}

export function describeNote(n: RowNote, lang: Language): string {
  const r = messages[lang].usageImport.rowErrors;
  return n.code === 'formula' ? r.formula : r.startDiffers(n.params!.register!, n.params!.file!);
}

export function describeFileProblem(p: FileProblem, lang: Language): string {
  const f = messages[lang].usageImport.fileErrors;
  switch (p.code) {
    case 'empty':
      return f.empty;
    case 'tooLarge':
      return f.tooLarge(p.detail);
    case 'tooManyRows':
      return f.tooManyRows(Number(p.detail));
    case 'binary':
      return f.binary;
    case 'encoding':
      return f.encoding;
    case 'columns':
      return f.columns(p.detail);
    case 'xlsx':
      return f.xlsx;
    case 'turtle':
      return messages[lang].bulk.turtle(p.detail);
  }
}

/** A plan as JSON for the API and the command line, with messages in the user's language. */
export function presentPlan(p: UsagePlan, lang: Language) {
  const item = (i: PlanItem) => ({
    line: i.line,
    orgnr: i.orgnr,
    agency: pickText(i.agencyName, lang).text,
    service: i.service,
    tier: i.tier,
    ...(i.previousTier !== undefined ? { previousTier: i.previousTier } : {}),
    from: i.from,
    to: i.to,
  });
  return {
    provider: p.provider.slug,
    file: p.file,
    scope: p.scope,
    counts: { add: p.add.length, change: p.change.length, end: p.end.length, unchanged: p.unchanged.length, errors: p.errors.length },
    add: p.add.map(item),
    change: p.change.map(item),
    end: p.end.map(item),
    unchanged: p.unchanged.map(item),
    errors: p.errors.map((e) => ({ line: e.line, column: e.column, code: e.code, value: e.value ?? null, message: describeRowError(e, lang) })),
    notes: p.notes.map((n) => ({ line: n.line, column: n.column ?? null, code: n.code, message: describeNote(n, lang) })),
  };
}

export type PresentedPlan = ReturnType<typeof presentPlan>;
