/**
 * The questionnaires the portal ships (data/questionnaires/*.json): opt-out reasons, accession, a voluntary non-use
 * of a service. Reference data, not demo data: written on every start when a (slug, version) is missing; an
 * existing version is never changed, since answers were given under it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { LocalizedText } from '../../domain/catalogue.js';
import { definitionProblems, type QuestionnaireDefinition } from '../../domain/questionnaire.js';
import { projectRoot } from '../../paths.js';
import type { Executor } from '../database.js';
import { questionnaires } from '../schema/index.js';

export const questionnairesDir = join(projectRoot, 'data/questionnaires');

export interface QuestionnaireFile {
  slug: string;
  version: number;
  purpose: string;
  title: LocalizedText;
  definition: QuestionnaireDefinition;
}

export function readQuestionnaireFiles(dir = questionnairesDir): QuestionnaireFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const q = JSON.parse(readFileSync(join(dir, f), 'utf8')) as QuestionnaireFile;
      const problems = definitionProblems(q.definition);
      if (problems.length) throw new Error(`data/questionnaires/${f}: ${problems.join('; ')}`);
      return q;
    });
}

export async function ensureQuestionnaires(db: Executor): Promise<void> {
  const files = readQuestionnaireFiles();
  if (files.length) await db.insert(questionnaires).values(files).onConflictDoNothing();
}

/** The newest version of a questionnaire by purpose slug. */
export async function currentQuestionnaire(db: Executor, slug: string) {
  const [row] = await db.select().from(questionnaires).where(and(eq(questionnaires.slug, slug))).orderBy(desc(questionnaires.version)).limit(1);
  return row;
}

export const QUESTIONNAIRE_SLUGS = { opt_out: 'reservasjon-rammeavtale', accession: 'tilslutning-rammeavtale', service_opt_out: 'fravalg-tjeneste' } as const;
