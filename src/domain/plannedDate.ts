/**
 * A planned service's date ("2021", "2021-05" or "2021-05-31") is overdue when the whole period it names has
 * passed by `today` (an ISO date): "2021" is overdue in 2022, not on 31 December 2021. A service that is still
 * planned after its date is no longer "planned" to the public; its provider and DFØ see it as overdue.
 */
export function plannedOverdue(status: string, plannedOn: string | null | undefined, today: string): boolean {
  if (status !== 'planned' || !plannedOn) return false;
  return plannedOn < today.slice(0, plannedOn.length);
}
