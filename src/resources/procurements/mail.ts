import type { LocalizedText } from '../../domain/catalogue.js';
import type { procurements } from '../../db/schema/index.js';

const dateTime = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });
const dateTimeEn = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' });

/**
 * The notice an eligible agency gets when a consultation opens: what, by whom, the deadline, and where to answer.
 * Bokmål first with a short English summary (agencies' postboxes are read by many).
 */
export function consultationMail(o: {
  procurement: typeof procurements.$inferSelect;
  providerName: LocalizedText;
  agencyName: LocalizedText;
  orgnr: string;
  publicUrl?: string;
}): { subject: string; text: string } {
  const p = o.procurement;
  const deadline = p.consultationDeadline!;
  const link = `${o.publicUrl ?? ''}/anskaffelser/${p.id}/erklaering?virksomhet=${o.orgnr}`;
  const mandatory = p.obligation === 'mandatory';
  const subject = mandatory
    ? `Varsel om anskaffelse: ${p.title.nb} – reservasjonsfrist ${dateTime.format(deadline)}`
    : `Varsel om anskaffelse: ${p.title.nb} – frist for tilslutning ${dateTime.format(deadline)}`;
  const text = [
    `Til ${o.agencyName.nb} (org.nr. ${o.orgnr})`,
    '',
    `${o.providerName.nb} forbereder anskaffelsen «${p.title.nb}» (${p.category}).`,
    '',
    mandatory
      ? 'Avtalen blir obligatorisk for statlige virksomheter. Hvis dere ikke skal bruke den, kan dere reservere dere. Oppgi gjerne grunnen – den hjelper leverandøren å lage bedre avtaler.'
      : 'Avtalen er frivillig. Hvis dere vil bruke den, sender dere en tilslutningserklæring med anslått volum og kontaktperson.',
    '',
    `Frist: ${dateTime.format(deadline)}.`,
    `Svar her: ${link}`,
    '',
    `English: ${o.providerName.en ?? o.providerName.nb} is preparing the procurement "${p.title.en ?? p.title.nb}". ${mandatory ? 'You may opt out' : 'You may declare accession'} until ${dateTimeEn.format(deadline)} at the link above.`,
    '',
    'Denne e-posten er sendt fra Fellestjenester.',
  ].join('\n');
  return { subject, text };
}
