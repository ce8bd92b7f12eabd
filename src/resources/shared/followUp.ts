import type { declarations, serviceOptOuts } from '../../db/schema/index.js';

/**
 * The provider's follow-up of a declaration or a non-use (state, internal note, when and by whom), selected as the
 * flat columns both tables share (db/schema/columns.ts followUpColumns); spread into a select.
 */
export const followUpSelection = (t: typeof declarations | typeof serviceOptOuts) => ({
  followUp: t.followUp,
  followUpNote: t.followUpNote,
  followUpAt: t.followUpAt,
  followUpBy: t.followUpBy,
});
