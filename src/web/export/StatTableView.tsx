import { Paragraph } from '@digdir/designsystemet-react';
import { Text, usePage } from '../context.js';
import type { ExportFormat } from './send.js';
import type { Cell, Column, StatTable } from './table.js';

/** Where a page's tables download from: the page's address + /tabeller/<id>.<format>, keeping the page's filters. */
export interface DownloadBase {
  path: string;
  query: string;
}

export function downloadHref(base: DownloadBase, id: string, format: ExportFormat): string {
  return `${base.path}/tabeller/${id}.${format}${base.query}`;
}

function CellView({ cell, column }: { cell: Cell; column: Column }) {
  const { fmt } = usePage();
  if (cell === null) return <>–</>;
  if (typeof cell === 'number') {
    if (column.type === 'percent') return <>{fmt.percent(cell)}</>;
    return <>{fmt.number(cell)}</>;
  }
  if (cell instanceof Date) return <>{fmt.dateTime(cell)}</>;
  if (typeof cell === 'string') return <>{column.type === 'date' && /^\d{4}-\d{2}(-\d{2})?$/.test(cell) ? fmt.date(cell) : cell}</>;
  const text = typeof cell.text === 'string' ? cell.text : <Text value={cell.text} />;
  return cell.href ? <a href={cell.href}>{text}</a> : <>{text}</>;
}

/**
 * A statistics table: caption, column headers, the first column as row headers, numbers right-aligned and formatted
 * for the language, a note, and links to download the same table as CSV and XLSX. Wide tables scroll inside a
 * focusable region, so keyboard users can scroll them too.
 */
export function StatTableView({ table, download, captionHidden }: { table: StatTable; download?: DownloadBase | undefined; captionHidden?: boolean }) {
  const captionId = `table-${table.id}-caption`;
  const numeric = (c: Column) => c.type === 'integer' || c.type === 'number' || c.type === 'percent';
  return (
    <div className="stat-table">
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="ds-table data-table" data-size="sm" id={`table-${table.id}`}>
          <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
            {table.title}
          </caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={numeric(c) ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {table.columns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.key} scope="row">
                      <CellView cell={row[j] ?? null} column={c} />
                    </th>
                  ) : (
                    <td key={c.key} className={numeric(c) ? 'num' : undefined}>
                      <CellView cell={row[j] ?? null} column={c} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.note ? (
        <Paragraph data-size="sm" className="muted table-note">
          {table.note}
        </Paragraph>
      ) : null}
      {download ? <StatDownloads table={table} download={download} /> : null}
    </div>
  );
}

/** Links to download a table as CSV and XLSX, each named for screen readers. */
export function StatDownloads({ table, download }: { table: Pick<StatTable, 'id' | 'title'>; download: DownloadBase }) {
  const { t } = usePage();
  return (
    <p className="downloads">
      {t.stats.table.download}:{' '}
      <a href={downloadHref(download, table.id, 'csv')} download aria-label={t.stats.table.downloadAs(table.title, 'CSV')}>
        {t.stats.table.csv}
      </a>{' '}
      ·{' '}
      <a href={downloadHref(download, table.id, 'xlsx')} download aria-label={t.stats.table.downloadAs(table.title, 'Excel (XLSX)')}>
        {t.stats.table.xlsx}
      </a>
    </p>
  );
}
