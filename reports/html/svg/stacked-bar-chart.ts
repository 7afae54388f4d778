// Horizontal stacked bars: one row per thing measured (e.g. same-node p50),
// one segment per part of it (a hop), laid end to end so the row's length is
// the sum, with an optional marker for a figure measured as a whole (the
// client's end-to-end latency) to hold the sum against.
import { html, type SafeHtml } from '../safe-html.ts';
import { niceTicks } from './axis-ticks.ts';
import { seriesStyle } from './palette.ts';

export interface StackedSegment {
  /** Picks the colour: the same key has the same colour in every row. */
  key: string;
  label: string;
  value: number;
}

export interface StackedBarRow {
  label: string;
  segments: StackedSegment[];
  marker?: { label: string; value: number };
}

export interface StackedBarChartInput {
  title: string;
  rows: StackedBarRow[];
  /** Colour order of the segment keys (also the legend's). */
  keys: string[];
  format: (value: number) => string;
  axisTitle: string;
}

const WIDTH = 880;
const ROW_H = 30;
const BAR_H = 18;
const MARGIN = { top: 14, right: 24, bottom: 38, left: 150 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
/** Narrower segments carry their value in the tooltip only. */
const MIN_LABELLED_W = 46;
const round = (n: number): number => Math.round(n * 10) / 10;

export function renderStackedBarChart(input: StackedBarChartInput): SafeHtml {
  const plotH = ROW_H * Math.max(input.rows.length, 1);
  const height = MARGIN.top + plotH + MARGIN.bottom;
  const totals = input.rows.map((row) => row.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0));
  const markers = input.rows.flatMap((row) => (row.marker ? [row.marker.value] : []));
  const ticks = niceTicks(0, Math.max(0, ...totals, ...markers), 5);
  const x = (v: number): number => MARGIN.left + (v / ticks.max) * PLOT_W;
  const colour = (key: string): string => seriesStyle(Math.max(0, input.keys.indexOf(key))).colour;

  const grid = ticks.values.map(
    (
      v,
    ) => html`<line class="grid" x1="${round(x(v))}" x2="${round(x(v))}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}"/>
<text class="tick x" x="${round(x(v))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${input.format(v)}</text>`,
  );
  const rows = input.rows.map((row, r) => {
    const top = MARGIN.top + r * ROW_H + (ROW_H - BAR_H) / 2;
    let at = 0;
    const segments = row.segments.map((segment) => {
      const value = Math.max(0, segment.value);
      const x0 = x(at);
      at += value;
      const w = x(at) - x0;
      return html`<g class="segment"><title>${row.label} · ${segment.label}: ${input.format(segment.value)}</title><rect x="${round(x0)}" y="${round(top)}" width="${round(Math.max(w, 0.5))}" height="${BAR_H}" fill="${colour(segment.key)}"/>${
        w >= MIN_LABELLED_W
          ? html`<text class="segment-value" x="${round(x0 + w / 2)}" y="${round(top + BAR_H / 2 + 4)}" text-anchor="middle">${input.format(segment.value)}</text>`
          : ''
      }</g>`;
    });
    const marker = row.marker
      ? html`<g class="marker"><title>${row.label} · ${row.marker.label}: ${input.format(row.marker.value)}</title><line x1="${round(x(row.marker.value))}" x2="${round(x(row.marker.value))}" y1="${round(top - 4)}" y2="${round(top + BAR_H + 4)}"/></g>`
      : '';
    return html`<text class="row-label" x="${MARGIN.left - 8}" y="${round(top + BAR_H / 2 + 4)}" text-anchor="end">${row.label}</text>${segments}${marker}`;
  });
  return html`<svg class="chart stacked" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${input.title}" xmlns="http://www.w3.org/2000/svg">
${grid}
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}"/>
${rows}
<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${height - 4}" text-anchor="middle">${input.axisTitle}</text>
</svg>`;
}

/** Legend of segment colours, plus the marker's meaning. */
export function renderStackedLegend(
  keys: Array<{ key: string; label: string }>,
  order: string[],
  markerLabel?: string,
): SafeHtml {
  return html`<ul class="legend">${keys.map(
    ({ key, label }) =>
      html`<li><svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill="${seriesStyle(Math.max(0, order.indexOf(key))).colour}"/></svg>${label}</li>`,
  )}${markerLabel !== undefined ? html`<li><svg width="14" height="12" aria-hidden="true"><line class="marker-swatch" x1="7" x2="7" y1="0" y2="12"/></svg>${markerLabel}</li>` : ''}</ul>`;
}
