// A line chart of Prometheus range-query series as inline SVG, with chaos
// events drawn as shaded bands (or dashed markers for instant actions) so a
// latency spike can be read against the fault that caused it. The warm-up
// window, when the scenario has one, is shaded grey behind everything.
import { formatSeriesValue } from '../../format.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { byteTicks, elapsedTicks, formatElapsed, niceTicks } from './axis-ticks.ts';
import { seriesStyle } from './palette.ts';

export interface ChartSeries {
  label: string;
  /** [unixSeconds, value] pairs, as Prometheus returns them. */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartEvent {
  label: string;
  /** Unix seconds. */
  start: number;
  /** Unix seconds; absent for an instantaneous action. */
  end?: number;
}

export interface TimeSeriesChartInput {
  title: string;
  unit: string;
  series: ChartSeries[];
  events: ChartEvent[];
  /** Unix seconds of the run window; elapsed-time labels count from `start`. */
  window: { start: number; end: number };
  /** Sampling step; wider gaps between points break the line instead of bridging them. */
  stepSeconds: number;
  /** Unix seconds of the scenario's warm-up, shaded so steady state reads apart from it. */
  warmup?: { start: number; end: number };
}

const WIDTH = 880;
const HEIGHT = 280;
const MARGIN = { top: 30, right: 18, bottom: 40, left: 78 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Width of one character of the 11px bold event label, in viewBox units (generous). */
const APPROX_CHAR_WIDTH = 7;

const round = (n: number): number => Math.round(n * 10) / 10;

export function hasChartData(series: ChartSeries[]): boolean {
  return series.some((s) => s.points.some(([, v]) => Number.isFinite(v)));
}

/** Splits points into runs with no gap wider than 1.5 steps, dropping non-finite values. */
export function contiguousRuns(
  points: ChartSeries['points'],
  stepSeconds: number,
): Array<Array<readonly [number, number]>> {
  const runs: Array<Array<readonly [number, number]>> = [];
  let current: Array<readonly [number, number]> = [];
  let previousTime: number | undefined;
  const maxGap = Math.max(stepSeconds, 1) * 1.5;
  for (const point of [...points].sort((a, b) => a[0] - b[0])) {
    const [t, v] = point;
    const gap = previousTime !== undefined && t - previousTime > maxGap;
    if (!Number.isFinite(v) || gap) {
      if (current.length > 0) runs.push(current);
      current = [];
    }
    if (Number.isFinite(v)) current.push(point);
    previousTime = t;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

export function renderTimeSeriesChart(input: TimeSeriesChartInput): SafeHtml {
  const allPoints = input.series.flatMap((s) => s.points.filter(([, v]) => Number.isFinite(v)));
  const times = allPoints.map(([t]) => t);
  const values = allPoints.map(([, v]) => v);
  const xStart = Math.min(input.window.start, ...times);
  const xEnd = Math.max(input.window.end, ...times, xStart + 1);
  // Anchor the value axis at zero for non-negative data so bar-like growth
  // is not exaggerated; otherwise fit the data.
  const yTicks = (input.unit === 'bytes' ? byteTicks : niceTicks)(Math.min(0, ...values), Math.max(...values), 5);

  const x = (t: number): number => MARGIN.left + ((t - xStart) / (xEnd - xStart)) * PLOT_W;
  const y = (v: number): number => MARGIN.top + PLOT_H - ((v - yTicks.min) / (yTicks.max - yTicks.min)) * PLOT_H;
  const clampX = (t: number): number => Math.min(Math.max(x(t), MARGIN.left), MARGIN.left + PLOT_W);

  const yGrid = yTicks.values.map(
    (
      v,
    ) => html`<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${round(y(v))}" y2="${round(y(v))}"/>
<text class="tick y" x="${MARGIN.left - 6}" y="${round(y(v)) + 4}" text-anchor="end">${formatSeriesValue(input.unit, v)}</text>`,
  );
  const elapsedOrigin = input.window.start;
  const xGrid = elapsedTicks(xEnd - elapsedOrigin)
    .map((s) => elapsedOrigin + s)
    .filter((t) => t >= xStart && t <= xEnd)
    .map(
      (
        t,
      ) => html`<line class="grid" x1="${round(x(t))}" x2="${round(x(t))}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/>
<text class="tick x" x="${round(x(t))}" y="${MARGIN.top + PLOT_H + 16}" text-anchor="middle">${formatElapsed(t - elapsedOrigin)}</text>`,
    );

  // Labels run from the event towards the right edge; cut them to fit (the
  // full text stays in the <title> tooltip and in the chaos timeline table).
  const fitLabel = (label: string, fromX: number): string => {
    const maxChars = Math.max(6, Math.floor((MARGIN.left + PLOT_W - fromX) / APPROX_CHAR_WIDTH));
    return label.length <= maxChars ? label : `${label.slice(0, maxChars - 1)}…`;
  };
  const events = input.events.map((event, i) => {
    // Stagger labels so overlapping events stay legible.
    const labelY = MARGIN.top - 18 + (i % 2) * 10 + 8;
    if (event.end === undefined || event.end <= event.start) {
      const ex = round(clampX(event.start));
      return html`<g class="chaos instant"><title>${event.label}</title><line x1="${ex}" x2="${ex}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/><text x="${ex + 3}" y="${labelY}">${fitLabel(event.label, ex + 3)}</text></g>`;
    }
    const x0 = clampX(event.start);
    const x1 = clampX(event.end);
    return html`<g class="chaos band"><title>${event.label}</title><rect x="${round(x0)}" y="${MARGIN.top}" width="${round(Math.max(x1 - x0, 1))}" height="${PLOT_H}"/><text x="${round(x0) + 3}" y="${labelY}">${fitLabel(event.label, x0 + 3)}</text></g>`;
  });

  const warmup =
    input.warmup && input.warmup.end > input.warmup.start
      ? (() => {
          const x0 = clampX(input.warmup.start);
          const x1 = clampX(input.warmup.end);
          return html`<g class="warmup band"><title>warm-up: left out of steady-state figures</title><rect x="${round(x0)}" y="${MARGIN.top}" width="${round(Math.max(x1 - x0, 1))}" height="${PLOT_H}"/><text x="${round(x0) + 3}" y="${MARGIN.top + PLOT_H - 6}">warm-up</text></g>`;
        })()
      : '';

  const lines = input.series.map((series, i) => {
    const style = seriesStyle(i);
    const runs = contiguousRuns(series.points, input.stepSeconds);
    const d = runs
      .filter((run) => run.length > 1)
      .map((run) => run.map(([t, v], j) => `${j === 0 ? 'M' : 'L'}${round(x(t))},${round(y(v))}`).join(''))
      .join('');
    // A lone sample between gaps has no line to draw; show it as a dot.
    const dots = runs
      .filter((run) => run.length === 1)
      .map((run) => {
        const [t, v] = run[0] ?? [0, 0];
        return html`<circle cx="${round(x(t))}" cy="${round(y(v))}" r="2.5" fill="${style.colour}"/>`;
      });
    return html`<g class="series-group"><title>${series.label}</title>${d === '' ? '' : html`<path class="series" d="${d}" stroke="${style.colour}" stroke-dasharray="${style.dash}"/>`}${dots}</g>`;
  });

  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${input.title}" xmlns="http://www.w3.org/2000/svg">
<rect class="plot-bg" x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}"/>
${warmup}${yGrid}${xGrid}${events}
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/>
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>
${lines}
<text class="axis-title" x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 4}" text-anchor="middle">time since run start (m:ss)</text>
<text class="axis-title" x="12" y="${MARGIN.top + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + PLOT_H / 2})">${input.unit}</text>
</svg>`;
}

/** An HTML legend matching the chart's series styles (wraps and prints better than SVG text). */
export function renderLegend(labels: string[]): SafeHtml {
  return html`<ul class="legend">${labels.map((label, i) => {
    const style = seriesStyle(i);
    return html`<li><svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="${style.colour}" stroke-width="3" stroke-dasharray="${style.dash}"/></svg>${label}</li>`;
  })}</ul>`;
}
