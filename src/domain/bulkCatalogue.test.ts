import { describe, expect, it } from 'vitest';
import { type BulkContext, entryCells, entryOfDocument, planBulk } from './bulkCatalogue.js';
import { SAMPLE_SERVICE } from './serviceDocument.test-support.js';

const ctx: BulkContext = { areas: new Set(['lonn', 'regnskap']), otherProvidersSlugs: new Set(['si-leiebil']), defaultModel: 'central' };
/** DFØ's payroll service as its row: what a download of it writes and an upload compares against. */
const lonn = entryOfDocument(SAMPLE_SERVICE);
const current = new Map([[lonn.slug, lonn]]);

describe('planBulk', () => {
  it('reads its own download back as unchanged', () => {
    const plan = planBulk([{ line: 2, cells: entryCells(lonn) }], current, ctx, true);
    expect(plan).toEqual({ create: [], change: [], retire: [], unchanged: ['dfo-lonn'], errors: [] });
  });

  it('keeps the columns a file leaves out, and names the fields that change', () => {
    const plan = planBulk([{ line: 2, cells: { tjeneste: 'dfo-lonn', sammendrag_en: 'Payroll for the state.', finansiering: 'charging_authority, budget_transfer' } }], current, ctx, false);
    expect(plan.change).toEqual([{ line: 2, entry: expect.objectContaining({ summary: { nb: 'Lønn for staten.', en: 'Payroll for the state.' } }), fields: ['summary', 'financing'] }]);
  });

  it('names every bad row by row and column, and retires what the file leaves out only when asked', () => {
    const rows = [
      { line: 2, cells: { tjeneste: 'ny-tjeneste', navn: 'Ny', sammendrag: 'Kort.', beskrivelse: 'Lang.', omrade: 'lonn', status: 'aktiv' } },
      { line: 3, cells: { tjeneste: 'Store Bokstaver', navn: 'X', sammendrag: 'Y', beskrivelse: 'Z', omrade: 'lonn' } },
      { line: 4, cells: { tjeneste: 'si-leiebil', navn: 'Leiebil', sammendrag: 'Bil.', beskrivelse: 'Bil.', omrade: 'lonn' } },
      { line: 5, cells: { tjeneste: 'ny-tjeneste', navn: 'Igjen', sammendrag: 'To ganger.', beskrivelse: 'To.', omrade: 'lonn' } },
      { line: 6, cells: { tjeneste: 'uten-omrade', navn: 'U', sammendrag: 'U.', beskrivelse: 'U.', nettside: 'dfo.no', kontakt_epost: 'ikke-epost' } },
    ];
    const plan = planBulk(rows, current, ctx, true);
    expect(plan.errors.map((e) => `${e.line} ${e.column} ${e.code}`)).toEqual([
      '2 status vocabulary',
      '3 tjeneste slug',
      '4 tjeneste otherProvider',
      '5 tjeneste duplicate',
      '6 omrade required',
      '6 nettside url',
      '6 kontakt_epost email',
    ]);
    expect(plan.retire.map((r) => r.slug)).toEqual(['dfo-lonn']);
    expect(planBulk(rows, current, ctx, false).retire).toEqual([]);
  });

  it('creates a new entry with the provider’s model and the usual defaults', () => {
    const plan = planBulk([{ line: 2, cells: { tjeneste: 'dfo-ny', navn: 'Ny', sammendrag: 'Kort.', beskrivelse: 'Lang.', omrade: 'regnskap' } }], current, ctx, false);
    expect(plan.create).toEqual([{ line: 2, entry: expect.objectContaining({ slug: 'dfo-ny', model: 'central', targetGroup: 'all_state', obligation: 'voluntary', status: 'active', financing: [] }) }]);
  });
});
