// One chart per Prometheus query evaluated over the run, chaos events overlaid,
// the scenario's warm-up shaded, followed by the chaos timeline itself.
import { formatDuration } from '../../units/duration.ts';
import type { ChaosEvent, RunResults, SeriesResult } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { formatElapsed } from '../svg/axis-ticks.ts';
import { hasChartData, renderLegend, renderTimeSeriesChart, type ChartEvent } from '../svg/time-series-chart.ts';
import { legendLabels } from './series-labels.ts';

const seconds = (iso: string): number => Date.parse(iso) / 1000;

export function chaosLabel(event: ChaosEvent): string {
  return `${event.action} ${event.target}`;
}

function chartEvents(chaos: ChaosEvent[]): ChartEvent[] {
  return chaos.map((event) => ({
    label: chaosLabel(event),
    start: seconds(event.start),
    ...(event.end !== undefined ? { end: seconds(event.end) } : {}),
  }));
}

function warmupWindow(warmup: NonNullable<RunResults['warmup']>): { start: number; end: number } {
  const start = seconds(warmup.start);
  return { start, end: start + warmup.seconds };
}

export function renderSeriesFigure(result: SeriesResult, results: RunResults): SafeHtml {
  const labels = legendLabels(
    result.series.map((s) => s.labels),
    result.title,
  );
  const series = result.series.map((s, i) => ({ label: labels[i] ?? result.title, points: s.points }));
  const body = hasChartData(series)
    ? html`${renderTimeSeriesChart({
        title: result.title,
        unit: result.unit,
        series,
        events: chartEvents(results.chaos),
        window: { start: seconds(results.startedAt), end: seconds(results.endedAt) },
        stepSeconds: result.stepSeconds,
        ...(results.warmup ? { warmup: warmupWindow(results.warmup) } : {}),
      })}${renderLegend(labels)}`
    : html`<div class="no-data chart-empty" role="img" aria-label="${result.title}: no data"><strong>No data</strong>${
        result.error !== undefined
          ? html`<span>Prometheus error: ${result.error}</span>`
          : html`<span>The query returned no samples during the run.</span>`
      }</div>`;
  return html`<figure class="series" id="series-${result.id}">
<figcaption><strong>${result.title}</strong> <span class="unit">(${result.unit})</span></figcaption>
${body}
<details class="query"><summary>PromQL</summary><code>${result.query}</code></details>
</figure>`;
}

function renderChaosTimeline(results: RunResults): SafeHtml {
  if (results.chaos.length === 0) return html`<p class="muted">No chaos actions were applied during this run.</p>`;
  const origin = seconds(results.startedAt);
  return html`<h3>Chaos timeline</h3><table class="chaos-table">
<thead><tr><th scope="col">At</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Lasted</th><th scope="col">Detail</th></tr></thead>
<tbody>${results.chaos.map((event) => {
    const start = seconds(event.start);
    const lasted =
      event.end !== undefined ? formatDuration((seconds(event.end) - start) * 1000, { style: 'compact' }) : 'instant';
    return html`<tr><td>+${formatElapsed(start - origin)}</td><td>${event.action}</td><td>${event.target}</td><td>${lasted}</td><td>${event.detail !== undefined ? html`<code>${JSON.stringify(event.detail)}</code>` : '—'}</td></tr>`;
  })}</tbody></table>`;
}

export function renderTimeSeries(results: RunResults): SafeHtml {
  return html`<section id="time-series"><h2>Time series</h2>
${renderChaosTimeline(results)}
${results.series.length === 0 ? html`<p class="no-data">No data: no Prometheus series were collected for this run.</p>` : results.series.map((s) => renderSeriesFigure(s, results))}
</section>`;
}
