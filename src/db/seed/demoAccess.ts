/**
 * The demo users (one per role, data/demo/users.json), the systems that may call the API, and a few procurements
 * in different states with declarations (data/demo/procurements.json), so `npm start` shows the whole flow. Dates
 * are relative to the day the data is loaded: the consultation is open whenever the portal is first started.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { LocalizedText } from '../../domain/catalogue.js';
import { readDemoUsers } from './demoUsers.js';
import type { ProcurementObligation, ProcurementState } from '../../domain/procurementLifecycle.js';
import { declarationKindFor } from '../../domain/procurementLifecycle.js';
import { validateAnswers } from '../../domain/questionnaire.js';
import { demoDataDir } from '../../paths.js';
import type { Executor } from '../database.js';
import { apiClients, declarations, type Eligibility, procurementMilestones, procurements, providers, roleAssignments, serviceOptOuts, services, users } from '../schema/index.js';
import { currentQuestionnaire, ensureQuestionnaires, QUESTIONNAIRE_SLUGS } from './questionnaires.js';

export const DEMO_ISSUER = 'demo';

interface DemoProcurement {
  key: string;
  provider: string;
  service?: string;
  title: LocalizedText;
  category: string;
  description: LocalizedText;
  obligation: ProcurementObligation;
  eligibility: Eligibility;
  status: ProcurementState;
  estimatedValueNok?: number;
  plannedAnnouncementInDays?: number;
  consultationOpenedDaysAgo?: number;
  deadlineInDays?: number;
  announcedDaysAgo?: number;
  awardedDaysAgo?: number;
  declarations?: { agency: string; answers: Record<string, unknown>; followUp?: 'to_contact' | 'contacted' | 'resolved'; followUpNote?: string }[];
}

export function readDemoProcurements(dir = demoDataDir): DemoProcurement[] {
  return JSON.parse(readFileSync(join(dir, 'procurements.json'), 'utf8')) as DemoProcurement[];
}

const day = 86400_000;

export async function writeDemoAccess(tx: Executor, now = new Date()): Promise<{ users: number; procurements: number }> {
  await ensureQuestionnaires(tx);
  const file = readDemoUsers();
  const providerRows = await tx.select({ id: providers.id, slug: providers.slug }).from(providers);
  const providerId = (slug: string) => {
    const p = providerRows.find((x) => x.slug === slug);
    if (!p) throw new Error(`demo users/procurements: unknown provider ${slug}`);
    return p.id;
  };
  // Demo users are pre-provisioned with their e-mail; the first sign-in binds the issuer and subject.
  const inserted = await tx
    .insert(users)
    .values(file.users.map((u) => ({ name: u.name, email: u.email })))
    .returning({ id: users.id, email: users.email });
  const idOf = (email: string) => inserted.find((x) => x.email === email)!.id;
  const roles = file.users.flatMap((u) =>
    u.roles.flatMap((r): (typeof roleAssignments.$inferInsert)[] => {
      const userId = idOf(u.email);
      switch (r.role) {
        case 'agency_editor':
          return r.agencies.map((a) => ({ userId, role: r.role, agencyOrgnr: a }));
        case 'provider_editor':
          return [{ userId, role: r.role, providerId: providerId(r.provider) }];
        case 'ministry_viewer':
          return [{ userId, role: r.role, ministryOrgnr: r.ministry }];
        case 'admin':
          return [{ userId, role: r.role }];
      }
    }),
  );
  await tx.insert(roleAssignments).values(roles);
  await tx.insert(apiClients).values(file.apiClients.map((c) => ({ clientId: c.clientId, name: c.name, providerId: c.provider ? providerId(c.provider) : null, agencyOrgnr: c.agency ?? null })));

  const list = readDemoProcurements();
  const serviceRows = await tx.select({ id: services.id, slug: services.slug }).from(services).where(inArray(services.slug, list.flatMap((p) => (p.service ? [p.service] : []))));

  for (const p of list) {
    const q = (await currentQuestionnaire(tx, QUESTIONNAIRE_SLUGS[declarationKindFor(p.obligation)]))!;
    const at = (days: number | undefined) => (days === undefined ? null : new Date(now.getTime() + days * day));
    const opened = at(p.consultationOpenedDaysAgo === undefined ? undefined : -p.consultationOpenedDaysAgo);
    const deadline = at(p.deadlineInDays);
    const created = new Date((opened ?? now).getTime() - 20 * day);
    const [row] = await tx
      .insert(procurements)
      .values({
        providerId: providerId(p.provider),
        serviceId: serviceRows.find((s) => s.slug === p.service)?.id ?? null,
        title: p.title,
        category: p.category,
        description: p.description,
        obligation: p.obligation,
        eligibility: p.eligibility,
        status: p.status,
        plannedAnnouncementOn: at(p.plannedAnnouncementInDays)?.toISOString().slice(0, 10) ?? null,
        estimatedValueNok: p.estimatedValueNok ?? null,
        consultationOpensAt: opened,
        consultationDeadline: deadline,
        questionnaireId: q.id,
        createdAt: created,
        updatedAt: now,
      })
      .returning();
    const steps: { action: 'create' | 'open_consultation' | 'announce' | 'award'; from: ProcurementState | null; to: ProcurementState; at: Date | null }[] = [
      { action: 'create', from: null, to: 'planned', at: created },
      { action: 'open_consultation', from: 'planned', to: 'consultation', at: opened },
      { action: 'announce', from: 'consultation', to: 'announced', at: at(p.announcedDaysAgo === undefined ? undefined : -p.announcedDaysAgo) },
      { action: 'award', from: 'announced', to: 'awarded', at: at(p.awardedDaysAgo === undefined ? undefined : -p.awardedDaysAgo) },
    ];
    await tx.insert(procurementMilestones).values(
      steps.filter((s) => s.at).map((s) => ({ procurementId: row!.id, action: s.action, fromStatus: s.from, toStatus: s.to, at: s.at!, byName: 'Demodata', note: null })),
    );
    for (const [i, d] of (p.declarations ?? []).entries()) {
      const checked = validateAnswers(q.definition, d.answers);
      if (!checked.ok) throw new Error(`demo procurement ${p.key}: declaration for ${d.agency}: ${JSON.stringify(checked.problems)}`);
      const when = new Date((opened ?? now).getTime() + (i + 1) * day);
      await tx.insert(declarations).values({
        procurementId: row!.id,
        agencyOrgnr: d.agency,
        kind: declarationKindFor(p.obligation),
        questionnaireId: q.id,
        answers: checked.answers,
        submittedAt: when,
        updatedAt: when,
        submittedBy: 'Demodata',
        followUp: d.followUp ?? null,
        followUpNote: d.followUpNote ?? null,
        followUpAt: d.followUp && d.followUp !== 'to_contact' ? new Date(when.getTime() + day) : null,
        followUpBy: d.followUp && d.followUp !== 'to_contact' ? 'Siri Aas' : null,
      });
    }
  }
  // Voluntary non-use of services with reasons (data/demo/service-opt-outs.json), so providers see why.
  const optOuts = JSON.parse(readFileSync(join(demoDataDir, 'service-opt-outs.json'), 'utf8')) as { agency: string; service: string; answers: Record<string, unknown>; declaredDaysAgo: number }[];
  const optOutQuestionnaire = (await currentQuestionnaire(tx, QUESTIONNAIRE_SLUGS.service_opt_out))!;
  const optOutServices = await tx.select({ id: services.id, slug: services.slug }).from(services).where(inArray(services.slug, optOuts.map((o) => o.service)));
  for (const o of optOuts) {
    const checked = validateAnswers(optOutQuestionnaire.definition, o.answers);
    const service = optOutServices.find((s) => s.slug === o.service);
    if (!checked.ok || !service) throw new Error(`demo service opt-out ${o.agency} ${o.service}: ${checked.ok ? 'unknown service' : JSON.stringify(checked.problems)}`);
    await tx.insert(serviceOptOuts).values({
      agencyOrgnr: o.agency,
      serviceId: service.id,
      questionnaireId: optOutQuestionnaire.id,
      answers: checked.answers,
      declaredAt: new Date(now.getTime() - o.declaredDaysAgo * day),
      declaredBy: 'Demodata',
    });
  }
  return { users: file.users.length, procurements: list.length };
}
