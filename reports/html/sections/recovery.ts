// Reconnects and resumption, for scenarios that break connections: how many
// dropped, how fast they came back, what was replayed, and whether any event
// was lost or delivered twice — with the drops over time next to the chaos.
import { formatStatistic } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { renderSeriesFigure } from './time-series.ts';

const COUNTERS = [
  ['swag_connection_drops', 'connections dropped'],
  ['swag_reconnects', 'reconnected (welcomed again)'],
  ['swag_resumes', 'resumed (caught up from since)'],
  ['swag_events_replayed', 'events replayed on resume'],
  ['swag_events_owed', 'events owed to clients'],
  ['swag_events_lost', 'events lost'],
  ['swag_events_duplicated', 'events duplicated'],
  ['swag_events_redelivered', 'events redelivered (asked for again)'],
  ['swag_sessions_unrecovered', 'sessions not reconnected at the end'],
  ['swag_sessions_unresumed', 'sessions reconnected but never caught up'],
  ['swag_slow_consumer_disconnects{seen_by:server}', 'slow readers dropped by the server (as it counted them)'],
] as const;

const TRENDS = [
  ['swag_reconnect_time', 'drop → welcomed again'],
  ['swag_resume_time', 'drop → caught up'],
] as const;

export function renderRecovery(results: RunResults): SafeHtml {
  const metrics = results.summary.metrics;
  const counters = COUNTERS.filter(([name]) => metrics[name] !== undefined);
  if (!metrics.swag_connection_drops && !metrics.swag_reconnect_time) return html``;
  const drops = results.series.find((s) => s.id === 'runner-connection-drops');
  return html`<section id="recovery"><h2>Reconnects</h2>
<table class="recovery"><tbody>${counters.map(([name, label]) => html`<tr class="${(name === 'swag_events_lost' || name === 'swag_events_duplicated') && (metrics[name]?.values.count ?? 0) > 0 ? 'fail' : ''}"><td>${label}</td><td><code>${name}</code></td><td>${metrics[name]?.values.count ?? 0}</td></tr>`)}</tbody></table>
<table class="recovery-times"><thead><tr><th scope="col">Time</th><th scope="col">count</th><th scope="col">med</th><th scope="col">p(99)</th><th scope="col">max</th></tr></thead><tbody>${TRENDS.filter(
    ([name]) => metrics[name],
  ).map(([name, label]) => {
    const m = metrics[name]!;
    const cell = (stat: string) => (m.values[stat] === undefined ? '—' : formatStatistic(m, stat, m.values[stat]!));
    return html`<tr><td>${label} <code>${name}</code></td><td>${m.values.count ?? '—'}</td><td>${cell('med')}</td><td>${cell('p(99)')}</td><td>${cell('max')}</td></tr>`;
  })}</tbody></table>
${drops ? renderSeriesFigure(drops, results) : ''}
</section>`;
}
