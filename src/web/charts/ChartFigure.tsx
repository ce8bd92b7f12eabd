import type { ReactNode } from 'react';
import { type DownloadBase, StatTableView } from '../export/StatTableView.js';
import type { StatTable } from '../export/table.js';

/**
 * A chart as a figure: the caption (title and a one-sentence summary in words) names and describes the SVG image,
 * and the data table beside it holds every number, with downloads. Readable without JavaScript, without colour and
 * without sight.
 */
export function ChartFigure({
  id,
  title,
  summary,
  svg,
  table,
  download,
  stacked,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  svg: string;
  table: StatTable;
  download?: DownloadBase | undefined;
  /** The table under the chart rather than beside it, for tables too wide for a side column. */
  stacked?: boolean;
  children?: ReactNode;
}) {
  return (
    <figure className={stacked ? 'chart chart--stacked' : 'chart'} id={id}>
      <ChartCaption id={id} title={title} summary={summary} />
      <div className="chart__body">
        <div className="chart__image" dangerouslySetInnerHTML={{ __html: svg }} />
        <div className="chart__data">
          <StatTableView table={table} download={download} />
          {children}
        </div>
      </div>
    </figure>
  );
}

/** A chart's caption: the title and summary the SVG names itself by (aria-labelledby `${id}-title`, aria-describedby `${id}-desc`). */
export function ChartCaption({ id, title, summary }: { id: string; title: string; summary: string }) {
  return (
    <figcaption className="chart__caption">
      <span className="chart__title" id={`${id}-title`}>
        {title}
      </span>
      <span className="chart__summary" id={`${id}-desc`}>
        {summary}
      </span>
    </figcaption>
  );
}
