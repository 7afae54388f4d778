// Vertical grouped bars: one group per statistic (median, p95…), one bar per
// compared variant (e.g. same-node vs cross-node delivery), labelled with
// values so the comparison reads without hovering.
import { html, type SafeHtml } from '../safe-html.ts';
import { niceTicks } from './axis-ticks.ts';
import { seriesStyle } from './palette.ts';

export interface GroupedBarChartInput {
  title: string;
  /** Group names along the x axis, e.g. ['avg', 'med', 'p(95)']. */
  groups: string[];
  /** One entry per bar colour; values[i] lines up with groups[i] (NaN = missing). */
  variants: Array<{ label: string; values: number[] }>;
  format: (value: number) => string;
  axisTitle: string;
}

const WIDTH = 880;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 18, bottom: 36, left: 78 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const round = (n: number): number => Math.round(n * 10) / 10;

export function renderGroupedBarChart(input: GroupedBarChartInput): SafeHtml {
  const finite = input.variants.flatMap((v) => v.values).filter(Number.isFinite);
  const ticks = niceTicks(0, Math.max(...finite, 0), 5);
  const y = (v: number): number => MARGIN.top + PLOT_H - (v / ticks.max) * PLOT_H;
  const groupW = PLOT_W / Math.max(input.groups.length, 1);
  const barW = Math.min(48, (groupW * 0.75) / Math.max(input.variants.length, 1));

  const grid = ticks.values.map(
    (
      v,
    ) => html`<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${round(y(v))}" y2="${round(y(v))}"/>
<text class="tick y" x="${MARGIN.left - 6}" y="${round(y(v)) + 4}" text-anchor="end">${input.format(v)}</text>`,
  );
  const groups = input.groups.map((group, g) => {
    const groupX = MARGIN.left + g * groupW + (groupW - barW * input.variants.length) / 2;
    const bars = input.variants.map((variant, i) => {
      const value = variant.values[g] ?? Number.NaN;
      if (!Number.isFinite(value)) return '';
      const bx = round(groupX + i * barW);
      const by = round(y(value));
      return html`<g class="bar"><title>${variant.label} ${group}: ${input.format(value)}</title><rect x="${bx + 1}" y="${by}" width="${round(barW - 2)}" height="${round(MARGIN.top + PLOT_H - by)}" fill="${seriesStyle(i).colour}"/><text class="bar-value" x="${round(bx + barW / 2)}" y="${by - 4}" text-anchor="middle">${input.format(value)}</text></g>`;
    });
    return html`${bars}<text class="tick x" x="${round(MARGIN.left + g * groupW + groupW / 2)}" y="${MARGIN.top + PLOT_H + 16}" text-anchor="middle">${group}</text>`;
  });

  return html`<svg class="chart bars" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${input.title}" xmlns="http://www.w3.org/2000/svg">
${grid}
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>
${groups}
<text class="axis-title" x="12" y="${MARGIN.top + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + PLOT_H / 2})">${input.axisTitle}</text>
</svg>`;
}
