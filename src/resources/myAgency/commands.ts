import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { agencies, agencyInHouseAreas, agencyLocations, areas, serviceOptOuts, services } from '../../db/schema/index.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import type { Language } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { capacityForAgency } from '../../domain/principal.js';
import { validateAnswers } from '../../domain/questionnaire.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit.js';
import { answerProblems } from '../shared/questionnaireMessages.js';
import { standingRowForUpdate } from '../shared/standingRow.js';
import { mayAgency } from './policy.js';
import { osloToday } from '../../domain/osloTime.js';

type FieldError = { field: string; message: string };

async function agencyForEdit(db: Database, actor: Actor, orgnr: string, lang: Language) {
  const t = messages[lang];
  const [a] = await db.select().from(agencies).where(eq(agencies.orgnr, orgnr));
  if (!a) throw new HttpProblem(404, t.errors.unknownAgency(formatOrgnr(orgnr)));
  if (!mayAgency(actor.principal, 'edit', a)) throw new HttpProblem(403, t.access.notYourAgency(formatOrgnr(orgnr)));
  return a;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,20}$/;

/** agencyProfileUpdater: employees (→ size class), contact e-mail and phone, as the agency states them. */
export async function updateProfile(db: Database, actor: Actor, orgnr: string, raw: { employees?: string; email?: string; phone?: string }, lang: Language): Promise<void> {
  const t = messages[lang].mine.errors;
  const a = await agencyForEdit(db, actor, orgnr, lang);
  const errors: FieldError[] = [];
  const employeesText = (raw.employees ?? '').replace(/[\s\u00a0]/g, '');
  if (employeesText && !/^\d{1,7}$/.test(employeesText)) errors.push({ field: 'employees', message: t.employees });
  const email = (raw.email ?? '').trim();
  if (email && (!EMAIL.test(email) || email.length > 254)) errors.push({ field: 'email', message: t.email });
  const phone = (raw.phone ?? '').trim();
  if (phone && !PHONE.test(phone)) errors.push({ field: 'phone', message: t.phone });
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  const employees = employeesText ? Number(employeesText) : null;
  const changes = {
    employees,
    employeesSource: employees === a.employees ? a.employeesSource : ('agency' as const),
    employeesAsOf: employees === a.employees ? a.employeesAsOf : osloToday(actor.now),
    email: email || null,
    phone: phone || null,
  };
  if (employees === a.employees && changes.email === a.email && changes.phone === a.phone) return;
  await db.transaction(async (tx) => {
    await tx.update(agencies).set({ ...changes, updatedAt: actor.now }).where(eq(agencies.orgnr, orgnr));
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: 'agency.update_profile',
      entityType: 'agency',
      entityId: orgnr,
      before: { employees: a.employees, email: a.email, phone: a.phone },
      after: { employees, email: changes.email, phone: changes.phone },
    });
  });
}

export async function addLocation(db: Database, actor: Actor, orgnr: string, raw: { name?: string; address?: string; postalCode?: string; city?: string }, lang: Language): Promise<void> {
  const t = messages[lang].mine.errors;
  await agencyForEdit(db, actor, orgnr, lang);
  const errors: FieldError[] = [];
  const name = (raw.name ?? '').trim();
  if (name.length < 2 || name.length > 120) errors.push({ field: 'name', message: t.locationName });
  const postalCode = (raw.postalCode ?? '').trim();
  if (postalCode && !/^\d{4}$/.test(postalCode)) errors.push({ field: 'postalCode', message: t.postalCode });
  const address = (raw.address ?? '').trim().slice(0, 200) || null;
  const city = (raw.city ?? '').trim().slice(0, 100) || null;
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(agencyLocations).values({ agencyOrgnr: orgnr, name, address, postalCode: postalCode || null, city, createdAt: actor.now }).returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'agency.add_location', entityType: 'agency_location', entityId: row!.id, after: { name, address, postalCode, city } });
  });
}

export async function removeLocation(db: Database, actor: Actor, orgnr: string, id: string, lang: Language): Promise<void> {
  await agencyForEdit(db, actor, orgnr, lang);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(agencyLocations).where(and(eq(agencyLocations.id, id), eq(agencyLocations.agencyOrgnr, orgnr))).returning();
    if (!row) throw new HttpProblem(404, messages[lang].mine.errors.noLocation);
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'agency.remove_location', entityType: 'agency_location', entityId: id, before: { name: row.name, address: row.address, postalCode: row.postalCode, city: row.city } });
  });
}

/**
 * serviceOptOutDeclarer: a voluntary non-use ("fravalg") of a service with a reason from the questionnaire. One
 * standing per agency and service: declaring again replaces the answers (the old row is kept, withdrawn).
 */
export async function declareServiceOptOut(db: Database, actor: Actor, orgnr: string, serviceSlug: string, raw: Record<string, unknown>, lang: Language): Promise<void> {
  const t = messages[lang];
  await agencyForEdit(db, actor, orgnr, lang);
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.slug, serviceSlug));
  if (!service) throw new HttpProblem(404, t.errors.unknownService(serviceSlug), { errors: [{ field: 'service', message: t.errors.unknownService(serviceSlug) }] });
  const q = await currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out);
  const result = validateAnswers(q!.definition, raw);
  if (!result.ok) {
    const errors = answerProblems(q!.definition, result.problems, lang);
    throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  }
  await db.transaction(async (tx) => {
    const standing = await standingRowForUpdate(tx, serviceOptOuts, serviceOptOuts.withdrawnAt, eq(serviceOptOuts.agencyOrgnr, orgnr), eq(serviceOptOuts.serviceId, service.id));
    if (standing && JSON.stringify(standing.answers) === JSON.stringify(result.answers)) return;
    if (standing) await tx.update(serviceOptOuts).set({ withdrawnAt: actor.now }).where(eq(serviceOptOuts.id, standing.id));
    const [row] = await tx
      .insert(serviceOptOuts)
      .values({ agencyOrgnr: orgnr, serviceId: service.id, questionnaireId: q!.id, answers: result.answers, declaredAt: actor.now, declaredBy: actor.principal.name })
      .returning();
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: standing ? 'service_opt_out.change' : 'service_opt_out.declare',
      entityType: 'service_opt_out',
      entityId: row!.id,
      before: standing ? { service: serviceSlug, answers: standing.answers } : null,
      after: { service: serviceSlug, answers: result.answers },
    });
  });
}

export async function withdrawServiceOptOut(db: Database, actor: Actor, orgnr: string, id: string, lang: Language): Promise<void> {
  await agencyForEdit(db, actor, orgnr, lang);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(serviceOptOuts)
      .set({ withdrawnAt: actor.now })
      .where(and(eq(serviceOptOuts.id, id), eq(serviceOptOuts.agencyOrgnr, orgnr), isNull(serviceOptOuts.withdrawnAt)))
      .returning();
    if (!row) throw new HttpProblem(404, messages[lang].mine.errors.noOptOut);
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), { action: 'service_opt_out.withdraw', entityType: 'service_opt_out', entityId: id, before: { answers: row.answers } });
  });
}


/**
 * inHouseDeclarer: the service areas the agency handles itself (own operation or own solution), the coverage matrix's
 * "in-house" arrangement. The form sends the whole set: areas no longer ticked are ended today, new ones start today;
 * history is kept (rows are never overwritten). One transaction, one audit event with the set before and after.
 */
export async function setInHouseAreas(db: Database, actor: Actor, orgnr: string, raw: unknown, lang: Language): Promise<void> {
  await agencyForEdit(db, actor, orgnr, lang);
  const wanted = [...new Set([raw ?? []].flat().map(String))];
  const known = new Set((await db.select({ slug: areas.slug }).from(areas)).map((a) => a.slug));
  const unknown = wanted.filter((s) => !known.has(s));
  if (unknown.length) {
    const message = messages[lang].mine.errors.unknownArea(unknown.join(', ').slice(0, 200));
    throw new HttpProblem(400, message, { errors: [{ field: 'areas', message }] });
  }
  const today = osloToday(actor.now);
  await db.transaction(async (tx) => {
    const open = await tx
      .select({ id: agencyInHouseAreas.id, areaSlug: agencyInHouseAreas.areaSlug, declaredOn: agencyInHouseAreas.declaredOn })
      .from(agencyInHouseAreas)
      .where(and(eq(agencyInHouseAreas.agencyOrgnr, orgnr), isNull(agencyInHouseAreas.endedOn)))
      .for('update');
    const before = open.map((r) => r.areaSlug).sort();
    const toEnd = open.filter((r) => !wanted.includes(r.areaSlug));
    const toStart = wanted.filter((s) => !before.includes(s));
    if (toEnd.length === 0 && toStart.length === 0) return;
    for (const r of toEnd) {
      await tx.update(agencyInHouseAreas).set({ endedOn: r.declaredOn > today ? r.declaredOn : today }).where(eq(agencyInHouseAreas.id, r.id));
    }
    if (toStart.length) {
      await tx.insert(agencyInHouseAreas).values(toStart.map((areaSlug) => ({ agencyOrgnr: orgnr, areaSlug, declaredOn: today, factSource: 'agency' as const, createdBy: actor.principal.name })));
    }
    await recordAudit(tx, actor, capacityForAgency(actor.principal, orgnr), {
      action: 'agency.set_in_house_areas',
      entityType: 'agency',
      entityId: orgnr,
      before: { areas: before },
      after: { areas: [...wanted].sort() },
    });
  });
}
