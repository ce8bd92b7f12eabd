/**
 * Who does something that is recorded: a provider's user acting for their provider, or an administrator. Commands
 * that change data take an explicit actor, so the audit log (issue 3) can record who acted and in which capacity.
 */
export interface Actor {
  kind: 'provider' | 'admin';
  /** The provider a provider's user acts for; null for an administrator. */
  providerId: string | null;
  /** A person a human can recognise, e.g. an e-mail address. */
  userLabel: string;
}
