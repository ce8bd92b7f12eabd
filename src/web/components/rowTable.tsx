import { Paragraph } from '@digdir/designsystemet-react';
import type { Key, ReactNode } from 'react';
import { DataTable } from '../components.js';

/**
 * A list as a table with a caption for screen readers, each row headed by its first cell (`<th scope="row">`, from
 * `head`) followed by the `cells`; an empty list shows the `none` paragraph instead (`noneRow`: a row saying
 * `none` in the table). `captionShown`: the caption is visible.
 */
export function RowTable<T>(props: { caption: string; captionShown?: boolean; columns: string[]; rows: readonly T[]; none: ReactNode; noneRow?: boolean; rowKey: (r: T) => Key; rowId?: (r: T) => string; head: (r: T) => ReactNode; cells: (r: T) => ReactNode }) {
  const empty = props.rows.length === 0;
  if (empty && !props.noneRow) return <Paragraph>{props.none}</Paragraph>;
  return (
    <DataTable caption={props.caption} captionHidden={!props.captionShown} columns={props.columns}>
      {empty ? (
        <tr>
          <td colSpan={props.columns.length}>{props.none}</td>
        </tr>
      ) : (
        props.rows.map((r) => (
          <tr key={props.rowKey(r)} id={props.rowId?.(r)}>
            <th scope="row">{props.head(r)}</th>
            {props.cells(r)}
          </tr>
        ))
      )}
    </DataTable>
  );
}
