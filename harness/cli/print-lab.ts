import { GRAFANA_UNAVAILABLE } from '../lab/grafana.ts';
import { DEFAULT_LISTEN } from '../lab/listen-address.ts';
import type { Lab, LabStatus } from '../lab/index.ts';

export function printLab(lab: Lab): void {
  const e = lab.endpoints;
  const spec = lab.state.spec;
  const direct = lab.state.links.filter((l) => l.direct).map((l) => l.name);
  console.log(`lab ${lab.id}: ${spec.replicas} replica(s), bus ${spec.bus}, balance ${spec.balance}

  ${(direct.includes('client.edge') ? 'board (client.edge direct)' : 'board (via client.edge link)').padEnd(30)}${e.clientUrl}/
  HAProxy stats                 ${e.haproxyStatsUrl}/
  Prometheus                    ${e.prometheusUrl}/
  Toxiproxy API                 ${e.toxiproxyUrl}/proxies
  Grafana                       ${e.grafanaUrl ? `${e.grafanaUrl}/ (admin / admin)` : GRAFANA_UNAVAILABLE}
  Zipkin (traces)               ${e.zipkinUrl ? `${e.zipkinUrl}/zipkin/ (${Number((spec.traceSampleRatio * 100).toPrecision(3))} % of requests sampled)` : 'off (--no-traces)'}

  ${spec.listen === DEFAULT_LISTEN ? `published on ${DEFAULT_LISTEN} only (--listen to share it)` : `published on ${spec.listen}: reachable from the network, Redis, Toxiproxy's API and open-mode replicas included`}

  links: ${lab
    .linkNames()
    .filter((name) => !direct.includes(name))
    .join(', ')}${direct.length > 0 ? `\n  direct (no Toxiproxy, no faults): ${direct.join(', ')}` : ''}

next: swaglab status · swaglab chaos add client.edge latency --attr latency=200 · swaglab kill replica-1
      swaglab chaos play replica-crash · swaglab run --lab ${lab.id} · swaglab down`);
}

export function printStatus(status: LabStatus): void {
  const { spec } = status;
  console.log(`lab ${status.labId}: ${spec.replicas} replica(s), bus ${spec.bus}, balance ${spec.balance}\n`);
  console.log(
    table(
      ['replica', 'container', 'haproxy', 'connections'],
      status.replicas.map((r) => [r.name, r.container, r.haproxy, String(r.connections)]),
    ),
  );
  console.log();
  console.log(
    table(
      ['service', 'container'],
      status.services.map((s) => [s.name, s.container]),
    ),
  );
  console.log();
  const rows = status.links.flatMap((link) => {
    const state = link.enabled ? 'up' : 'DOWN';
    if (link.toxics.length === 0) return [[link.name, state, '-', '']];
    return link.toxics.map((t, i) => [
      i === 0 ? link.name : '',
      i === 0 ? state : '',
      `${t.name} [${t.type}, ${t.stream}${t.toxicity < 1 ? `, toxicity ${t.toxicity}` : ''}]`,
      Object.entries(t.attributes)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ]);
  });
  console.log(table(['link', 'state', 'toxics', 'attributes'], rows));
  const active = status.links.reduce((n, l) => n + l.toxics.length, 0);
  const down = status.links.filter((l) => !l.enabled).length;
  console.log(`\n${active} active toxic(s), ${down} link(s) down`);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
