// Cost: CPU and memory by component and role over the run, beside the same lab
// idle (scaled to the run's length), net of it per delivered event and per write.
import type { CostComponent, CostResults, UnitCost } from '../../cost/cost-results.ts';
import { formatBytes, formatNumber } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

const net = (c: Pick<CostComponent, 'cpuSeconds' | 'idleCpuSeconds'>) => c.cpuSeconds - (c.idleCpuSeconds ?? 0);
const seconds = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, 3));
const ms = (value: number) => formatNumber(value, 3);
const percent = (value: number) => `${formatNumber(value * 100, 1)} %`;

/** Components ordered as roles are read: the system under test first, then the lab, busiest first within each. */
export function costRows(cost: CostResults) {
  const roles = (['sut', 'lab'] as const).map((role) => {
    const members = cost.components.filter((c) => c.role === role).sort((a, b) => net(b) - net(a));
    return { role, members, subtotal: subtotal(members) };
  });
  return { roles, total: subtotal(cost.components) };
}

function subtotal(members: CostComponent[]) {
  const idle = members.some((m) => m.idleCpuSeconds !== undefined)
    ? members.reduce((s, m) => s + (m.idleCpuSeconds ?? 0), 0)
    : undefined;
  return {
    cpuSeconds: members.reduce((s, m) => s + m.cpuSeconds, 0),
    idleCpuSeconds: idle,
    peakMemoryBytes: members.reduce((s, m) => s + (m.peakMemoryBytes ?? 0), 0),
  };
}

function row(
  label: SafeHtml | string,
  role: string,
  c: ReturnType<typeof subtotal> | CostComponent,
  deliveries: number,
  strong = false,
): SafeHtml {
  const perDelivery = deliveries > 0 ? ms((net(c) * 1000) / deliveries) : '—';
  const cells = html`<td>${role}</td><td>${seconds(c.cpuSeconds)}</td><td>${seconds(c.idleCpuSeconds)}</td><td>${seconds(net(c))}</td><td>${perDelivery}</td><td>${c.peakMemoryBytes ? formatBytes(c.peakMemoryBytes) : '—'}</td>`;
  return strong
    ? html`<tr class="subtotal"><th scope="row"><strong>${label}</strong></th>${cells}</tr>`
    : html`<tr><th scope="row">${label}</th>${cells}</tr>`;
}

function unitLine([one, many]: [string, string], count: number, unit: UnitCost): SafeHtml {
  if (count <= 0) return html`<li>No ${many} counted in the window, so no cost per ${one}.</li>`;
  return html`<li>Per ${one} (${formatNumber(count, 0)} ${many}): <strong>${ms(unit.totalMs)} CPU-ms</strong> — system under test ${ms(unit.sutMs)}, lab ${ms(unit.labMs)}.</li>`;
}

export function renderCost(results: RunResults): SafeHtml {
  const cost = results.cost;
  if (!cost) return html``;
  const { roles, total } = costRows(cost);
  const direct = cost.links.filter((l) => !l.proxied).map((l) => l.name);
  const names = { sut: 'system under test', lab: 'lab' } as const;
  const short = { sut: 'SUT', lab: 'lab' } as const;
  return html`<section id="cost"><h2>Cost</h2>
<p>CPU over the ${formatNumber(cost.windowSeconds, 1)} s run window, read from each container's cgroup (${cost.cgroupVersion ?? 'none found: containers show no CPU'}) and from the runner's own process. ${
    cost.baseline
      ? `Idle: the same lab doing nothing for ${formatNumber(cost.baseline.seconds, 1)} s before the scenario, scaled to the run's length; net = run − idle.`
      : 'No idle baseline was measured: net equals gross, fixed costs included.'
  }</p>
<div class="table-scroll"><table class="numbers cost">
<thead><tr><th scope="col">Component</th><th scope="col">Role</th><th scope="col">CPU s (run)</th><th scope="col">CPU s (idle)</th><th scope="col">CPU s (net)</th><th scope="col">Net CPU-ms / delivery</th><th scope="col">Peak memory</th></tr></thead>
<tbody>${roles.map(
    (r) =>
      html`${r.members.map((c) => row(c.name, short[r.role], c, cost.deliveries))}${r.members.length > 0 ? row(names[r.role], short[r.role], r.subtotal, cost.deliveries, true) : ''}`,
  )}${row('whole lab', 'all', total, cost.deliveries, true)}</tbody></table></div>
<ul>
${unitLine(['delivery', 'deliveries'], cost.deliveries, cost.perDelivery)}
${unitLine(['write', 'writes'], cost.writes, cost.perWrite)}
<li>The lab's own share of the net CPU: <strong>${percent(cost.labShare)}</strong>. The runner used ${percent(cost.runnerCoreShare)} of one core.</li>
<li>Links: ${direct.length === 0 ? `all ${cost.links.length} through Toxiproxy.` : `${cost.links.length - direct.length} of ${cost.links.length} through Toxiproxy; direct: ${direct.join(', ')}.`}</li>
</ul>
${cost.sources ? html`<p class="muted">Deliveries from <code>${cost.sources.deliveries}</code>, writes from <code>${cost.sources.writes}</code>, summed over replicas. SUT: the system under test (replicas, Postgres, bus). Peak memory: the highest one-second sample of each cgroup's usage (page cache included); subtotals add the peaks.</p>` : ''}
</section>`;
}
