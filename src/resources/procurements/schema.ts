import { type Static, Type } from 'typebox';
import type { Language } from '../../domain/catalogue.js';
import { parseOsloLocal } from '../../domain/osloTime.js';
import { PROCUREMENT_ACTIONS, PROCUREMENT_OBLIGATIONS, PROCUREMENT_STATES, type ProcurementObligation } from '../../domain/procurementLifecycle.js';
import { ELIGIBILITIES, type Eligibility } from '../../db/schema/index.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { enumOf, Lang, multi, nullable, Ref } from '../shared/schema.js';

export const ProcurementIdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });

export const ProcurementListQuery = Type.Object({
  status: multi(PROCUREMENT_STATES, 'Lifecycle state.'),
  lang: Lang,
});

/** Creating a procurement (JSON body of the API; the page form sends the same names as strings). */
export const ProcurementCreateBody = Type.Object({
  provider: Type.String({ maxLength: 120, description: 'Slug of the provider running the procurement; you must be its editor (or an administrator).' }),
  title: Type.String({ maxLength: 200 }),
  titleEn: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.String({ maxLength: 100 }),
  description: Type.String({ maxLength: 4000 }),
  obligation: enumOf(PROCUREMENT_OBLIGATIONS, 'mandatory: agencies may opt out; voluntary: agencies declare accession.'),
  eligibility: Type.Optional(enumOf(ELIGIBILITIES, 'state (default): all state agencies; state_and_municipal: municipalities and counties too.')),
  plannedAnnouncementOn: Type.Optional(Type.String({ maxLength: 10, description: 'yyyy-mm-dd' })),
  estimatedValueNok: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 20 })])),
  service: Type.Optional(Type.String({ maxLength: 120, description: 'Slug of the agreement in the catalogue, for a renewal.' })),
});
export type ProcurementCreateBody = Static<typeof ProcurementCreateBody>;

export const TransitionBody = Type.Object({
  action: enumOf(PROCUREMENT_ACTIONS),
  deadline: Type.Optional(Type.String({ maxLength: 40, description: 'open_consultation: the deadline, ISO 8601 (or Oslo local time yyyy-mm-ddThh:mm).' })),
  opensAt: Type.Optional(Type.String({ maxLength: 40, description: 'open_consultation: when agencies may start to answer (default now).' })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type TransitionBody = Static<typeof TransitionBody>;

export const MilestoneSchema = Type.Object({
  action: Type.String(),
  from: nullable(Type.String()),
  to: enumOf(PROCUREMENT_STATES),
  at: Type.String({ format: 'date-time' }),
  by: Type.String(),
  note: nullable(Type.String()),
});

export const ProcurementSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    category: Type.String(),
    description: Type.String(),
    provider: Ref,
    obligation: enumOf(PROCUREMENT_OBLIGATIONS),
    declarationKind: enumOf(['opt_out', 'accession'] as const),
    eligibility: enumOf(ELIGIBILITIES),
    status: enumOf(PROCUREMENT_STATES),
    window: enumOf(['not_open', 'open', 'closed'] as const, 'Whether agencies may declare now.'),
    plannedAnnouncementOn: nullable(Type.String()),
    estimatedValueNok: nullable(Type.Integer()),
    consultationOpensAt: nullable(Type.String({ format: 'date-time' })),
    consultationDeadline: nullable(Type.String({ format: 'date-time' })),
    service: nullable(Ref),
    questionnaire: Type.Object({ slug: Type.String(), version: Type.Integer() }),
    declarations: Type.Integer({ description: 'Standing declarations (not withdrawn).' }),
    url: Type.String(),
  },
  { $id: 'Procurement' },
);

export const ProcurementDetailSchema = Type.Object(
  { ...ProcurementSchema.properties, eligibleAgencies: Type.Integer(), milestones: Type.Array(MilestoneSchema) },
  { $id: 'ProcurementDetail' },
);

export interface ProcurementInput {
  title: { nb: string; en?: string };
  category: string;
  description: { nb: string };
  obligation: ProcurementObligation;
  eligibility: Eligibility;
  plannedAnnouncementOn: string | null;
  estimatedValueNok: number | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a create body (JSON or form strings) field by field; every problem is reported at once, as a 400. */
export function parseProcurementInput(b: Record<string, unknown>, lang: Language): ProcurementInput {
  const t = messages[lang].procurement.errors;
  const errors: { field: string; message: string }[] = [];
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  const title = str('title');
  if (title.length < 3) errors.push({ field: 'title', message: t.title });
  const category = str('category');
  if (category.length < 2) errors.push({ field: 'category', message: t.category });
  const description = str('description');
  if (description.length < 10) errors.push({ field: 'description', message: t.description });
  const obligation = str('obligation');
  if (!(PROCUREMENT_OBLIGATIONS as readonly string[]).includes(obligation)) errors.push({ field: 'obligation', message: t.obligation });
  const eligibility = str('eligibility') || 'state';
  if (!(ELIGIBILITIES as readonly string[]).includes(eligibility)) errors.push({ field: 'eligibility', message: t.eligibility });
  const planned = str('plannedAnnouncementOn');
  if (planned && (!ISO_DATE.test(planned) || Number.isNaN(Date.parse(planned)))) errors.push({ field: 'plannedAnnouncementOn', message: t.date });
  const rawValue = typeof b.estimatedValueNok === 'number' ? String(b.estimatedValueNok) : str('estimatedValueNok').replace(/[\s\u00a0]/g, '');
  if (rawValue && !/^\d{1,15}$/.test(rawValue)) errors.push({ field: 'estimatedValueNok', message: t.value });
  if (errors.length) throw new HttpProblem(400, errors.map((e) => e.message).join(' '), { errors });
  const titleEn = str('titleEn');
  return {
    title: titleEn ? { nb: title, en: titleEn } : { nb: title },
    category,
    description: { nb: description },
    obligation: obligation as ProcurementObligation,
    eligibility: eligibility as Eligibility,
    plannedAnnouncementOn: planned || null,
    estimatedValueNok: rawValue ? Number(rawValue) : null,
  };
}

/** A time from the API (ISO 8601 with offset) or a form (Oslo local time); a 400 naming the field otherwise. */
export function parseInstant(raw: string | undefined, field: string, lang: Language): Date | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const s = raw.trim();
  const at = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? new Date(s) : parseOsloLocal(s);
  if (!at || Number.isNaN(at.getTime())) {
    const message = messages[lang].procurement.errors.time;
    throw new HttpProblem(400, message, { errors: [{ field, message }] });
  }
  return at;
}
