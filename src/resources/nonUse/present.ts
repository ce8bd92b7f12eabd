import { type Language, type LocalizedText, pickText } from '../../domain/catalogue.js';
import type { QuestionnaireDefinition } from '../../domain/questionnaire.js';
import type { NonUseReader } from './policy.js';
import type { NonUseRow } from './queries.js';

/** The label of a reason code in the questionnaire, in a language; the code itself when the questionnaire has none. */
export function reasonLabelOf(def: QuestionnaireDefinition | undefined, code: string, lang: Language): string {
  const q = def?.questions.find((x) => x.id === 'reason') as { options?: { value: string; label: LocalizedText }[] } | undefined;
  const o = q?.options?.find((x) => x.value === code);
  return o ? pickText(o.label, lang).text : code;
}

/** A non-use as the API shows it: the provider's follow-up only to the provider (and administrators). */
export function presentNonUse(r: NonUseRow, reader: NonUseReader, def: QuestionnaireDefinition | undefined, lang: Language) {
  const a = r.answers as Record<string, unknown>;
  const code = typeof a.reason === 'string' && a.reason ? a.reason : null;
  return {
    id: r.id,
    service: { slug: r.service.slug, name: pickText(r.service.name, lang).text },
    agency: { orgnr: r.agency.orgnr, name: pickText(r.agency.name, lang).text },
    reason: code ? { code, label: reasonLabelOf(def, code, lang) } : null,
    details: typeof a.details === 'string' && a.details ? a.details : null,
    mayContact: a.may_contact === 'yes' ? true : a.may_contact === 'no' ? false : null,
    declaredAt: r.declaredAt.toISOString(),
    ...(reader === 'provider'
      ? { followUp: r.followUp ? { state: r.followUp, note: r.followUpNote, at: r.followUpAt?.toISOString() ?? null, by: r.followUpBy } : null }
      : {}),
  };
}
