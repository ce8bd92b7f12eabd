import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/db/audit.js';
import { queryRows } from '../../src/db/database.js';
import { providers, users } from '../../src/db/schema/index.js';
import { NEED_STATUSES } from '../../src/domain/collaboration.js';
import { PROCUREMENT_ACTIONS } from '../../src/domain/procurementLifecycle.js';
import { DRAFT_ACTIONS } from '../../src/domain/serviceLifecycle.js';
import { messages } from '../../src/web/i18n/index.js';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { demoSessions, type Who } from '../support/sessions.js';

const LANGS = ['nb', 'nn', 'en'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every audit action the code can write: the literals in recordAudit calls and the templated families. */
function auditActionsInCode(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/recordAudit\(([\s\S]{0,400}?)action:([^\n]*)/g)) {
      for (const lit of m[2]!.matchAll(/'([a-z_-]+(?:\.[a-z_]+)+)'/g)) found.add(lit[1]!);
    }
  }
  for (const a of PROCUREMENT_ACTIONS) found.add(`procurement.${a}`);
  for (const a of DRAFT_ACTIONS.filter((x) => x !== 'edit')) found.add(`service.draft.${a}`);
  for (const a of ['retire', 'reinstate']) found.add(`service.${a}`);
  for (const s of NEED_STATUSES) found.add(`need.${s === 'open' ? 'reopen' : s}`);
  return found;
}

describe('every code a person can see has a label in nb, nn and en', () => {
  it('audit actions', () => {
    const actions = auditActionsInCode();
    expect(actions.size).toBeGreaterThan(40);
    for (const lang of LANGS) {
      const missing = [...actions].filter((a) => !(a in messages[lang].audit.actions));
      expect(missing, lang).toEqual([]);
    }
  });

  it('end reasons of the usage register (the codes the code and the demo data write)', () => {
    const codes = new Set<string>(['tier_change', 'left']);
    for (const f of readdirSync('data/demo', { recursive: true }) as string[]) {
      if (!f.endsWith('.json')) continue;
      for (const m of readFileSync(join('data/demo', f), 'utf8').matchAll(/"endReason":\s*"([a-z_]+)"/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(3);
    for (const lang of LANGS) expect([...codes].filter((c) => !(c in messages[lang].usage.endReasons)), lang).toEqual([]);
  });
});

describe.each(testEngines())('readable audit log and end reasons on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let headers: Record<Who, Record<string, string>>;
  beforeAll(async () => {
    const db = t.database.db;
    headers = await demoSessions(db);
    const [siri] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'siri.aas@sis.example'));
    const [sis] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, 'statens-innkjopssenter'));
    const actor = { principal: { kind: 'user' as const, id: siri!.id, name: 'Siri Aas', email: 'siri.aas@sis.example', roles: [] }, requestId: 'test', viaApi: false, now: new Date('2026-03-10T10:00:00Z') };
    await recordAudit(db, actor, { role: 'provider_editor', providerId: sis!.id }, { action: 'declaration.follow_up', entityType: 'declaration', entityId: '00000000-0000-0000-0000-000000000001', before: { followUp: 'to_contact' }, after: { followUp: 'contacted', followUpNote: 'Ringt' } });
  });

  it.each([
    ['', 'Siri Aas (Statens innkjøpssenter) satte oppfølging til Kontaktet.'],
    ['/nn', 'Siri Aas (Statens innkjøpssenter) sette oppfølging til Kontakta.'],
    ['/en', 'Siri Aas (National Procurement Service) set the follow-up to Contacted.'],
  ])('the log (%s) reads as sentences, no codes or JSON', async (prefix, sentence) => {
    const res = await t.app.inject({ url: `${prefix}/admin/logg?person=Siri`, headers: headers.anne });
    expect(res.statusCode).toBe(200);
    expect(res.body.replace(/&#x27;|’/g, "'")).toContain(sentence);
    expect(res.body).not.toContain('declaration.follow_up</');
    expect(res.body).not.toContain('"before"');
    expect(res.body).toContain('followUp: to_contact → contacted');
  });

  it('filters by person, organisation, kind and date', async () => {
    const page = (q: string) => t.app.inject({ url: `/admin/logg?${q}`, headers: headers.anne }).then((r) => r.body);
    expect(await page('person=Siri&type=declaration.follow_up&fra=2026-03-10&til=2026-03-10')).toContain('satte oppfølging til Kontaktet');
    expect(await page('person=Siri&fra=2026-03-11')).not.toContain('satte oppfølging til Kontaktet');
    expect(await page('person=Siri&til=2026-03-09')).not.toContain('satte oppfølging til Kontaktet');
    expect(await page('person=Siri&type=need')).not.toContain('satte oppfølging til Kontaktet');
    expect(await page('person=Siri&type=declaration')).toContain('satte oppfølging til Kontaktet');
    expect(await page('person=Nobody')).not.toContain('satte oppfølging');
    expect(await page('leverandor=statens-innkjopssenter')).toContain('satte oppfølging til Kontaktet');
    expect(await page('leverandor=dfo')).not.toContain('satte oppfølging til Kontaktet');
  });

  it('downloads the filtered log as CSV (BOM, semicolons, Oslo time) and XLSX, within the reader’s scope', async () => {
    const page = await t.app.inject({ url: '/admin/logg?person=Siri', headers: headers.anne });
    expect(page.body).toContain('href="/admin/logg/tabeller/endringslogg.csv?person=Siri"');
    const csv = await t.app.inject({ url: '/admin/logg/tabeller/endringslogg.csv?person=Siri', headers: headers.anne });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('2026-03-10 11:00;Siri Aas;Statens innkjøpssenter;');
    expect(csv.body).toContain('Siri Aas (Statens innkjøpssenter) satte oppfølging til Kontaktet.');
    const xlsx = await t.app.inject({ url: '/admin/logg/tabeller/endringslogg.xlsx?person=Siri', headers: headers.anne });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // An agency editor downloads only their agencies' events; the public nothing.
    const lise = await t.app.inject({ url: '/admin/logg/tabeller/endringslogg.csv?person=Siri', headers: headers.lise });
    expect(lise.body).not.toContain('Siri Aas');
    expect((await t.app.inject({ url: '/admin/logg/tabeller/endringslogg.csv' })).statusCode).not.toBe(200);
  });

  it.each([
    ['', 'Byttet tjenestemodell'],
    ['/nn', 'Bytte tenestemodell'],
    ['/en', 'Changed service model'],
  ])('the usage history (%s) names end reasons, never tier_change', async (prefix, label) => {
    // Lotteritilsynet's history holds a row ended by a change of service model: its earliest-started subscription,
    // ended no earlier than it started (ids are random, so picking by id alone once chose a row started after a fixed
    // end date, which the dates' check constraint refuses).
    await t.database.db.execute(sql`update subscriptions set end_reason = 'tier_change', ended_on = greatest(started_on, '2020-01-01'::date)
      where id = (select id from subscriptions where agency_orgnr = '982391490' order by (end_reason = 'tier_change') desc nulls last, started_on nulls first, id limit 1)`);
    const [ended] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from subscriptions where agency_orgnr = '982391490' and end_reason = 'tier_change'`);
    expect(ended!.n).toBeGreaterThan(0);
    const page = await t.app.inject({ url: `${prefix}/min-side/virksomhet/982391490`, headers: headers.lise });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(label);
    expect(page.body).not.toContain('>tier_change<');
  });
});
