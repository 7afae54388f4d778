// Per-replica breakdown: every trend the scenario split by replica, the peak
// connections each replica held, and each replica's memory slope over the run
// (least-squares fit of resident memory: a soak's leak detector).
import { formatBytes, formatStatistic } from '../../format.ts';
import type { RunResults, SeriesResult } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

const REPLICA_KEY = /^(.+)\{replica:([^,}]+)\}$/;

/** Slope of a least-squares line through the points, per second. */
export function slopePerSecond(points: Array<[number, number]>): number | undefined {
  if (points.length < 3) return undefined;
  const n = points.length;
  const mx = points.reduce((s, [t]) => s + t, 0) / n;
  const my = points.reduce((s, [, v]) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (const [t, v] of points) {
    num += (t - mx) * (v - my);
    den += (t - mx) ** 2;
  }
  return den === 0 ? undefined : num / den;
}

function byReplica(series: SeriesResult | undefined): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const s of series?.series ?? []) if (s.labels.replica) out.set(s.labels.replica, s.points);
  return out;
}

export function replicaBreakdown(results: RunResults) {
  const trends = Object.entries(results.summary.metrics)
    .map(([key, metric]) => ({ match: REPLICA_KEY.exec(key), metric }))
    .filter((t) => t.match && t.metric.type === 'trend')
    .map((t) => ({ base: t.match![1]!, replica: t.match![2]!, metric: t.metric }));
  const memory = byReplica(results.series.find((s) => s.id === 'resident-memory-per-replica'));
  const connections = byReplica(results.series.find((s) => s.id === 'ws-connections-per-replica'));
  const replicas = [...new Set([...trends.map((t) => t.replica), ...memory.keys(), ...connections.keys()])].sort(
    (a, b) => a.localeCompare(b, undefined, { numeric: true }),
  );
  return replicas.map((replica) => ({
    replica,
    trends: trends.filter((t) => t.replica === replica),
    peakConnections: Math.max(0, ...(connections.get(replica) ?? []).map(([, v]) => v)),
    memorySlopeBytesPerMin: (() => {
      const slope = slopePerSecond(memory.get(replica) ?? []);
      return slope === undefined ? undefined : slope * 60;
    })(),
    memoryLastBytes: (memory.get(replica) ?? []).at(-1)?.[1],
  }));
}

export function renderPerReplica(results: RunResults): SafeHtml {
  const rows = replicaBreakdown(results);
  if (rows.length === 0) return html``;
  const bases = [...new Set(rows.flatMap((r) => r.trends.map((t) => t.base)))];
  return html`<section id="per-replica"><h2>Per replica</h2>
<table class="per-replica"><thead><tr><th scope="col">Replica</th>${bases.map((b) => html`<th scope="col"><code>${b}</code> med / p99</th>`)}<th scope="col">Peak connections</th><th scope="col">Memory at end</th><th scope="col">Memory slope</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.replica}</td>${bases.map((b) => {
        const t = r.trends.find((x) => x.base === b);
        if (!t) return html`<td>—</td>`;
        const med = t.metric.values.med;
        const p99 = t.metric.values['p(99)'];
        return html`<td>${med === undefined ? '—' : formatStatistic(t.metric, 'med', med)} / ${p99 === undefined ? '—' : formatStatistic(t.metric, 'p(99)', p99)}</td>`;
      })}<td>${r.peakConnections}</td><td>${r.memoryLastBytes === undefined ? '—' : formatBytes(r.memoryLastBytes)}</td><td>${
        r.memorySlopeBytesPerMin === undefined
          ? '—'
          : `${r.memorySlopeBytesPerMin >= 0 ? '+' : '−'}${formatBytes(Math.abs(r.memorySlopeBytesPerMin))}/min`
      }</td></tr>`,
  )}</tbody></table>
<p class="muted">Memory slope: least-squares fit of resident memory over the run window; on short runs it mostly shows warm-up.</p>
</section>`;
}
