import type { Language, LocalizedText } from '../../domain/catalogue.js';
import { localizer } from './present.js';

/** An organisation in the register (an agency, a provider) as it reads: its name, short name and the ministry it is under. */
export interface RegisterEntry {
  name: LocalizedText;
  shortName: string | null;
  ministry: { orgnr: string; name: LocalizedText } | null;
}

/** The names and ministry of an agency or a provider in a language, as the API shows them; spread into a presenter. */
export function presentRegisterEntry(e: RegisterEntry, lang: Language) {
  const { text, org } = localizer(lang);
  return { name: text(e.name), shortName: e.shortName, ministry: e.ministry ? org(e.ministry) : null };
}
