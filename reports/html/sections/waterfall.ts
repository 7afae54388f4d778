// Where the time of one change goes: per path (same-node, cross-node) and
// quantile, the server's hops laid end to end against the client's own
// end-to-end figure, with the one sentence a reader came for and a note
// wherever the hops do not add up to what the client saw.
import { formatMilliseconds } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import {
  crossNodeCost,
  pathReach,
  shortfall,
  type CrossNodeCost,
  type Quantile,
} from '../../waterfall/analyse-waterfall.ts';
import {
  FIRST_SOCKET_HOP,
  LAST_SOCKET_HOP,
  PATH_HOPS,
  type Waterfall,
  type WaterfallPath,
} from '../../waterfall/waterfall.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { renderStackedBarChart, renderStackedLegend, type StackedSegment } from '../svg/stacked-bar-chart.ts';

const HOP_LABELS: Record<string, string> = {
  receive_validate: 'frame → validated',
  validate_commit: 'validated → committed',
  commit_publish: 'committed → published',
  bus_transit: 'bus transit',
  release: 'sequencer release',
  socket_first: 'to the first socket',
  socket_last: 'last socket, beyond the first',
};
const HOP_ORDER = [...new Set(PATH_HOPS.cross.map((h) => h.hop))];
const PATH_LABELS = { same: 'same-node', cross: 'cross-node' } as const;
const field = (q: Quantile): 'p50Ms' | 'p99Ms' => (q === 'p50' ? 'p50Ms' : 'p99Ms');

function segments(path: WaterfallPath, q: Quantile): StackedSegment[] {
  const f = field(q);
  const first = path.hops.find((h) => h.hop === FIRST_SOCKET_HOP)?.[f] ?? 0;
  return path.hops.map((h) => ({
    key: h.hop,
    label: HOP_LABELS[h.hop] ?? h.hop,
    value: h.hop === LAST_SOCKET_HOP ? Math.max(0, h[f] - first) : h[f],
  }));
}

function headline(waterfall: Waterfall): SafeHtml {
  const p50 = crossNodeCost(waterfall, 'p50');
  const p99 = crossNodeCost(waterfall, 'p99');
  if (!p50)
    return html`<p class="muted">Only one path was seen in this run, so there is no same- vs cross-node difference to show.</p>`;
  const bus = (ms: number | undefined) =>
    ms === undefined ? ' (no bus hop was measured)' : `, of which the bus hop is ${formatMilliseconds(ms)}`;
  // One run's noise can put cross-node below same-node; say so rather than "adds −3 ms".
  const below = (cost: CrossNodeCost, q: Quantile) =>
    `At ${q} cross-node was ${formatMilliseconds(-cost.addedMs)} below same-node (noise of one run; the bus hop alone is ${cost.busMs === undefined ? 'unmeasured' : formatMilliseconds(cost.busMs)}).`;
  const first =
    p50.addedMs >= 0
      ? `Cross-node adds ${formatMilliseconds(p50.addedMs)} at p50${bus(p50.busMs)}.`
      : below(p50, 'p50');
  const second = !p99
    ? ''
    : p99.addedMs >= 0
      ? ` At p99 it adds ${formatMilliseconds(p99.addedMs)}${bus(p99.busMs)}.`
      : ` ${below(p99, 'p99')}`;
  return html`<p class="headline">${first}${second}</p>
<p class="muted">${p50.source === 'client' ? 'Added time: the clients’ end-to-end cross-node figure minus the same-node one.' : 'Added time: the cross-node hops’ sum minus the same-node hops’ sum (no client figures).'}</p>`;
}

function note(path: WaterfallPath, q: Quantile): SafeHtml {
  const gap = shortfall(path, q);
  if (!gap) return html``;
  const share = Math.round((Math.abs(gap.unaccountedMs) / gap.endToEndMs) * 100);
  const where = `${PATH_LABELS[path.path]} ${q}`;
  return gap.unaccountedMs > 0
    ? html`<p class="note">${where}: the hops add up to ${formatMilliseconds(gap.hopsMs)}, the clients measured ${formatMilliseconds(gap.endToEndMs)}; ${formatMilliseconds(gap.unaccountedMs)} (${share} %) is in no hop.</p>`
    : html`<p class="note">${where}: the hops add up to ${formatMilliseconds(gap.hopsMs)}, more than the ${formatMilliseconds(gap.endToEndMs)} the clients measured (by ${formatMilliseconds(-gap.unaccountedMs)}, ${share} %): quantiles of the parts are not the quantile of the whole, and slow hops rarely all fall on one change.</p>`;
}

/** Said once, under the charts, when some client figure exceeds its hops. */
function unaccountedExplanation(waterfall: Waterfall): SafeHtml {
  const any = waterfall.paths.some((p) =>
    (['p50', 'p99'] as const).some((q) => (shortfall(p, q)?.unaccountedMs ?? 0) > 0),
  );
  return any
    ? html`<p class="muted">Time in no hop: the client's send → receive also includes the client's own network both ways (Toxiproxy, HAProxy, the kernel), the WebSocket frame before the server reads it and after it writes it, the runner's event-loop delay and the reader's parsing. A large share there says the harness, not the server, is where the time goes.</p>`
    : html``;
}

function renderQuantile(waterfall: Waterfall, q: Quantile): SafeHtml {
  const paths = waterfall.paths.filter((p) => p.hops.length > 0 || p.endToEnd);
  const rows = paths.map((path) => ({
    label: `${PATH_LABELS[path.path]} ${q}`,
    segments: segments(path, q),
    ...(path.endToEnd ? { marker: { label: 'client end to end', value: path.endToEnd[field(q)] } } : {}),
  }));
  const seen = HOP_ORDER.filter((hop) => paths.some((p) => p.hops.some((h) => h.hop === hop)));
  const reach = paths.map((p) => {
    const r = pathReach(p, q);
    const client = p.endToEnd ? `, client ${formatMilliseconds(p.endToEnd[field(q)])}` : '';
    return `${PATH_LABELS[p.path]}: hops ${formatMilliseconds(r.toFirstSocketMs)}–${formatMilliseconds(r.toLastSocketMs)}${client}`;
  });
  return html`<figure class="waterfall">
<figcaption><strong>${q}</strong>, hop by hop — ${reach.join('; ')}</figcaption>
${renderStackedBarChart({ title: `Hop durations at ${q}`, rows, keys: HOP_ORDER, format: formatMilliseconds, axisTitle: `${q} latency, hops laid end to end` })}
${renderStackedLegend(
  seen.map((hop) => ({ key: hop, label: HOP_LABELS[hop] ?? hop })),
  HOP_ORDER,
  paths.some((p) => p.endToEnd) ? 'client end to end' : undefined,
)}
${paths.map((p) => note(p, q))}
</figure>`;
}

function renderHopTable(waterfall: Waterfall): SafeHtml {
  const rows = waterfall.paths.flatMap((p) => p.hops.map((h) => ({ path: p.path, ...h })));
  if (rows.length === 0)
    return html`<p class="no-data">No per-hop data: the servers exported no swagboard_hop_seconds observations in the window.</p>`;
  return html`<div class="table-scroll"><table class="numbers">
<thead><tr><th scope="col">Path</th><th scope="col">Hop</th><th scope="col">p50</th><th scope="col">p99</th><th scope="col">Observations</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${PATH_LABELS[r.path]}</th><th scope="row"><code>${r.hop}</code></th><td>${formatMilliseconds(r.p50Ms)}</td><td>${formatMilliseconds(r.p99Ms)}</td><td>${r.count.toLocaleString('en-US')}</td></tr>`,
  )}</tbody></table></div>`;
}

function renderWindow(results: RunResults, waterfall: Waterfall): SafeHtml {
  const window = waterfall.windowSeconds !== undefined ? `the last ${waterfall.windowSeconds} s of the run` : 'the run';
  const phase =
    waterfall.phase === 'steady'
      ? ` (steady state: the ${results.warmup?.seconds ?? '?'} s warm-up left out, client figures likewise where the scenario tags them)`
      : '';
  const ack = waterfall.ack
    ? html` Send → ack as the client measured it: p50 ${formatMilliseconds(waterfall.ack.p50Ms)}, p99 ${formatMilliseconds(waterfall.ack.p99Ms)}.`
    : '';
  return html`<p class="muted">Server hops from <code>swagboard_hop_seconds</code> over ${window}${phase}, ${results.settings.bus} bus; client figures from <code>swag_broadcast_latency{path}</code>. A reader's event reaches it between the first and the last local socket, so the client's figure should fall inside that span plus its network; quantiles of parts only roughly add up.${ack}</p>`;
}

export function renderWaterfall(results: RunResults): SafeHtml {
  const waterfall = results.waterfall;
  if (!waterfall) return html``;
  return html`<section id="waterfall"><h2>Where the time goes</h2>
${headline(waterfall)}
${renderWindow(results, waterfall)}
${renderQuantile(waterfall, 'p50')}
${renderQuantile(waterfall, 'p99')}
${unaccountedExplanation(waterfall)}
<h3>Hops</h3>
${renderHopTable(waterfall)}
</section>`;
}
