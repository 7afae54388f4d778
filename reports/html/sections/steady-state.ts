// Steady-state figures beside whole-run ones, inside the latency section: a
// short run's whole-run percentiles carry its warm-up (JIT, first connections,
// first Postgres plans), so the reader sees both and which the thresholds judged.
import { formatMilliseconds } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { steadyKey } from '../../warmup/warmup.ts';
import { html, type SafeHtml } from '../safe-html.ts';

const STATS = ['med', 'p(95)', 'p(99)'];

export function renderSteadyState(results: RunResults): SafeHtml {
  const warmup = results.warmup;
  if (!warmup) return html``;
  const entries = Object.entries(warmup.steady).sort(([a], [b]) => a.localeCompare(b));
  const stats = STATS.filter((s) => entries.some(([, values]) => s in values));
  const cell = (value: number | undefined) => html`<td>${value === undefined ? '—' : formatMilliseconds(value)}</td>`;
  return html`<h3 id="steady-state">Steady state beside the whole run</h3>
<p>The first ${warmup.seconds} s of the test are warm-up (shaded on the time-series charts); steady-state figures leave them out. Thresholds on a <code>{phase:steady}</code> submetric judge steady state only.</p>
${
  entries.length === 0
    ? html`<p class="no-data">No steady-state submetrics: no threshold of this scenario names <code>phase:steady</code>.</p>`
    : html`<div class="table-scroll"><table class="numbers">
<thead><tr><th scope="col">Metric</th>${stats.map((s) => html`<th scope="col">${s} whole run</th><th scope="col">${s} steady</th>`)}</tr></thead>
<tbody>${entries.map(([key, steady]) => {
        const whole = results.summary.metrics[key]?.values;
        const failed = Object.values(results.summary.metrics[steadyKey(key)]?.thresholds ?? {}).some((t) => !t.ok);
        return html`<tr class="${failed ? 'fail' : ''}"><th scope="row"><code>${key}</code></th>${stats.map((s) => html`${cell(whole?.[s])}${cell(steady[s])}`)}</tr>`;
      })}</tbody></table></div>`
}`;
}
