import type { ReactNode } from 'react';

/**
 * A table under a heading that names it (no caption): column headers with scope, rows from the caller. A `null`
 * column is an empty header cell, over a column of buttons. `compact`: the design system's small table.
 */
export function PlainTable({ columns, compact, children }: { columns: (string | null)[]; compact?: boolean; children: ReactNode }) {
  return (
    <table className={compact ? 'ds-table data-table' : 'data-table'} data-size={compact ? 'sm' : undefined}>
      <thead>
        <tr>{columns.map((c, i) => (c === null ? <td key={i} /> : <th key={i} scope="col">{c}</th>))}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
