// Counters, rates and gauges: everything in the summary that is not a Trend.
import { formatStatistic } from '../../format.ts';
import type { MetricType, RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

const HEADINGS: Array<[Exclude<MetricType, 'trend'>, string, string[]]> = [
  ['counter', 'Counters', ['count', 'rate']],
  ['rate', 'Rates', ['rate', 'passes', 'fails']],
  ['gauge', 'Gauges', ['value', 'min', 'max']],
];

export function renderCounters(results: RunResults): SafeHtml {
  const metrics = Object.entries(results.summary.metrics).sort(([a], [b]) => a.localeCompare(b));
  const tables = HEADINGS.map(([type, heading, columns]) => {
    const rows = metrics.filter(([, m]) => m.type === type);
    if (rows.length === 0) return '';
    return html`<h3>${heading}</h3><table class="numbers">
<thead><tr><th scope="col">Metric</th>${columns.map((c) => html`<th scope="col">${c === 'rate' && type === 'counter' ? 'per second' : c}</th>`)}</tr></thead>
<tbody>${rows.map(
      ([name, metric]) =>
        html`<tr><th scope="row"><code>${name}</code></th>${columns.map((c) => html`<td>${c in metric.values ? formatStatistic(metric, c, metric.values[c] ?? 0) : '—'}</td>`)}</tr>`,
    )}</tbody></table>`;
  });
  const empty = tables.every((t) => t === '');
  return html`<section id="counters"><h2>Counters, rates and gauges</h2>${empty ? html`<p class="no-data">No data: the run recorded no counters, rates or gauges.</p>` : tables}</section>`;
}
