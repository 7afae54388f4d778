// The backpressure effect: fast clients' latency alone vs with slow clients on
// the same board (both in steady state), and what the server did about the slow ones.
import { formatMilliseconds } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { renderGroupedBarChart } from '../svg/grouped-bar-chart.ts';

const ALONE = 'swag_broadcast_latency{group:fast,mix:alone,phase:steady}';
const WITH_SLOW = 'swag_broadcast_latency{group:fast,mix:with-slow,phase:steady}';
const STATS = ['med', 'p(95)', 'p(99)', 'max'];

export function renderBackpressure(results: RunResults): SafeHtml {
  const alone = results.summary.metrics[ALONE];
  const withSlow = results.summary.metrics[WITH_SLOW];
  if (!alone || !withSlow) return html``;
  const p95Alone = alone.values['p(95)'];
  const p95With = withSlow.values['p(95)'];
  const ratio = p95Alone && p95With !== undefined && p95Alone > 0 ? p95With / p95Alone : undefined;
  const disconnects = slowConsumerDisconnects(results);
  return html`<section id="backpressure"><h2>Backpressure effect</h2>
<p>Fast clients' p95 latency was ${p95Alone === undefined ? '—' : formatMilliseconds(p95Alone)} alone and ${p95With === undefined ? '—' : formatMilliseconds(p95With)} with slow clients present${
    ratio === undefined ? '' : ` (${ratio.toFixed(2)}×)`
  }; ${disconnects.count} slow reader${disconnects.count === 1 ? ' was' : 's were'} dropped by the server (close 4008)${disconnects.seenBy === 'client' ? ', as clients saw it' : ''}. One run: compare several before reading much into the ratio.</p>
${renderGroupedBarChart({
  title: 'Fast clients: alone vs with slow clients',
  groups: STATS,
  variants: [
    { label: 'alone', values: STATS.map((s) => alone.values[s] ?? Number.NaN) },
    { label: 'with slow clients', values: STATS.map((s) => withSlow.values[s] ?? Number.NaN) },
  ],
  format: formatMilliseconds,
  axisTitle: 'latency',
})}
</section>`;
}

/**
 * The servers' own count where the run read it from the lab's Prometheus; else what the clients saw, which
 * undercounts (a throttled reader sees its 4008 only after the backlog ahead of it); runs older than the split had one total.
 */
function slowConsumerDisconnects(results: RunResults): { count: number; seenBy: 'server' | 'client' } {
  const m = results.summary.metrics;
  const server = m['swag_slow_consumer_disconnects{seen_by:server}'];
  if (server) return { count: server.values.count ?? 0, seenBy: 'server' };
  const client = m['swag_slow_consumer_disconnects{seen_by:client}'] ?? m.swag_slow_consumer_disconnects;
  return { count: client?.values.count ?? 0, seenBy: 'client' };
}
