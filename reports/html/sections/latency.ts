// Percentiles of every Trend metric, submetrics nested under their parent,
// and a bar comparison wherever submetrics split one metric by a tag (the lab's
// key question: how much slower is cross-node fan-out than same-node?).
import { formatMilliseconds, formatStatistic } from '../../format.ts';
import { parseMetricName, type MetricName } from '../../metric-name.ts';
import type { RunResults, SummaryMetric } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { renderGroupedBarChart } from '../svg/grouped-bar-chart.ts';
import { renderLegend } from '../svg/time-series-chart.ts';
import { renderSteadyState } from './steady-state.ts';

interface TrendRow {
  name: MetricName;
  metric: SummaryMetric;
}

/** Trend rows ordered parent first, then its submetrics, parents alphabetically. */
export function trendRows(results: RunResults): TrendRow[] {
  const rows = Object.entries(results.summary.metrics)
    .filter(([, metric]) => metric.type === 'trend')
    .map(([full, metric]) => ({ name: parseMetricName(full), metric }));
  const order = new Map(rows.map((row, i) => [row.name.full, i]));
  return rows.sort(
    (a, b) =>
      a.name.base.localeCompare(b.name.base) ||
      Number(a.name.full !== a.name.base) - Number(b.name.full !== b.name.base) ||
      (order.get(a.name.full) ?? 0) - (order.get(b.name.full) ?? 0),
  );
}

function statColumns(results: RunResults, rows: TrendRow[]): string[] {
  const present = new Set(rows.flatMap((row) => Object.keys(row.metric.values)));
  const preferred = results.summary.options.summaryTrendStats.filter((s) => present.has(s));
  const extra = [...present].filter((s) => !preferred.includes(s)).sort();
  return [...preferred, ...extra];
}

export interface TrendComparison {
  base: string;
  tag: string;
  variants: TrendRow[];
}

/** Groups of ≥2 trend submetrics of one parent that differ in a single tag. */
export function trendComparisons(rows: TrendRow[]): TrendComparison[] {
  const groups = new Map<string, TrendComparison>();
  for (const row of rows) {
    const keys = Object.keys(row.name.tags);
    if (keys.length !== 1 || keys[0] === undefined) continue;
    const id = `${row.name.base}\u0000${keys[0]}`;
    const group = groups.get(id) ?? { base: row.name.base, tag: keys[0], variants: [] };
    group.variants.push(row);
    groups.set(id, group);
  }
  return [...groups.values()].filter((g) => g.variants.length >= 2);
}

const COMPARED_STATS = ['avg', 'med', 'p(90)', 'p(95)', 'p(99)'];

function variantLabel(row: TrendRow, tag: string): string {
  return `${tag}:${row.name.tags[tag] ?? ''}`;
}

function comparisonHeadline(comparison: TrendComparison): string | undefined {
  const stat = ['p(95)', 'med', 'avg'].find((s) => comparison.variants.every((v) => s in v.metric.values));
  const [first, ...others] = comparison.variants;
  if (stat === undefined || first === undefined) return undefined;
  const reference = first.metric.values[stat] ?? 0;
  return others
    .map((other) => {
      const value = other.metric.values[stat] ?? 0;
      const ratio = reference > 0 ? ` (${(value / reference).toFixed(1)}×)` : '';
      return `${stat} ${variantLabel(other, comparison.tag)} ${formatMilliseconds(value)} vs ${variantLabel(first, comparison.tag)} ${formatMilliseconds(reference)}${ratio}`;
    })
    .join('; ');
}

function renderComparison(comparison: TrendComparison): SafeHtml {
  const stats = COMPARED_STATS.filter((s) => comparison.variants.some((v) => s in v.metric.values));
  const isTime = comparison.variants.every((v) => v.metric.contains === 'time');
  const format = (value: number): string =>
    formatStatistic(comparison.variants[0]?.metric ?? { type: 'trend', contains: 'default' }, 'value', value);
  const labels = comparison.variants.map((v) => v.name.full);
  const headline = comparisonHeadline(comparison);
  return html`<figure class="comparison">
<figcaption><strong>${comparison.base}</strong> by <code>${comparison.tag}</code>${headline !== undefined && isTime ? html` — ${headline}` : ''}</figcaption>
${renderGroupedBarChart({
  title: `${comparison.base} by ${comparison.tag}`,
  groups: stats,
  variants: comparison.variants.map((v) => ({
    label: v.name.full,
    values: stats.map((s) => v.metric.values[s] ?? Number.NaN),
  })),
  format,
  axisTitle: isTime ? 'latency' : 'value',
})}
${renderLegend(labels)}
</figure>`;
}

export function renderLatency(results: RunResults): SafeHtml {
  const rows = trendRows(results);
  if (rows.length === 0) {
    return html`<section id="latency"><h2>Latency</h2><p class="no-data">No data: the run recorded no Trend metrics.</p></section>`;
  }
  const columns = statColumns(results, rows);
  const comparisons = trendComparisons(rows);
  return html`<section id="latency"><h2>Latency percentiles</h2>
<div class="table-scroll"><table class="numbers">
<thead><tr><th scope="col">Metric</th>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows.map((row) => {
    const sub = row.name.full !== row.name.base;
    const failed = Object.values(row.metric.thresholds ?? {}).some((t) => !t.ok);
    return html`<tr class="${[sub ? 'submetric' : '', failed ? 'fail' : ''].join(' ').trim()}"><th scope="row"><code>${sub ? row.name.full.slice(row.name.base.length) : row.name.full}</code></th>${columns.map(
      (c) => html`<td>${c in row.metric.values ? formatStatistic(row.metric, c, row.metric.values[c] ?? 0) : '—'}</td>`,
    )}</tr>`;
  })}</tbody></table></div>
${renderSteadyState(results)}
${comparisons.length > 0 ? html`<h3>Compared by tag</h3>${comparisons.map(renderComparison)}` : ''}
</section>`;
}
