/**
 * Codes stored in the database (end reasons, audit actions) as a person reads them. Every code the application
 * writes has a label in nb, nn and en (test/api/polish-labels.test.ts fails on one without).
 */
import type { Messages } from './i18n/index.js';

/** An end reason: the label of a known code, or the free text a person wrote. */
export function endReasonText(t: Messages, reason: string | null): string | null {
  if (reason === null) return null;
  return t.usage.endReasons[reason] ?? reason;
}

/** Whether an audit action has a label. */
export function isLabelledAction(t: Messages, action: string): boolean {
  return action in t.audit.actions;
}

/**
 * What a person did, as the rest of a sentence after their name: "satte oppfølging til Kontaktet",
 * "registrerte et fravalg av en tjeneste".
 */
export function auditActionText(t: Messages, action: string, after: unknown): string {
  if (action === 'declaration.follow_up') {
    const followUp = (after as { followUp?: string } | null)?.followUp;
    const label = followUp ? (t.terms.followUp as Record<string, string>)[followUp] : undefined;
    if (label) return t.audit.followUpSetTo(label);
  }
  return (t.audit.actions as Record<string, string>)[action] ?? t.audit.unknownAction(action);
}
