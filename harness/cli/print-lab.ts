import type { Lab } from '../lab/index.ts';

export function printLab(lab: Lab): void {
  const e = lab.endpoints;
  const spec = lab.state.spec;
  console.log(`lab ${lab.id}: ${spec.replicas} replica(s), bus ${spec.bus}, balance ${spec.balance}

  board (via client.edge link)  ${e.clientUrl}/
  HAProxy stats                 ${e.haproxyStatsUrl}/
  Prometheus                    ${e.prometheusUrl}/
  Toxiproxy API                 ${e.toxiproxyUrl}/proxies
  Grafana                       not available here (its image cannot be pulled); reports draw the same panels

  links: ${lab.state.links.map((l) => l.name).join(', ')}

next: swaglab run --lab ${lab.id}   ·   swaglab status   ·   swaglab kill replica-1   ·   swaglab down`);
}

export function printStatus(status: Awaited<ReturnType<Lab['status']>>): void {
  console.log(`lab ${status.labId}: ${status.spec.replicas} replica(s), bus ${status.spec.bus}\n`);
  console.log('replica      state   connections');
  for (const r of status.replicas) console.log(`${r.name.padEnd(12)} ${r.status.padEnd(7)} ${r.currentSessions}`);
  console.log('\nlink                  state   toxics');
  for (const link of status.links) {
    const toxics = link.toxics.map((t) => `${t.name}(${Object.entries(t.attributes).map(([k, v]) => `${k}=${v}`).join(' ')})`).join(', ');
    console.log(`${link.name.padEnd(21)} ${(link.enabled ? 'up' : 'DOWN').padEnd(7)} ${toxics || '-'}`);
  }
}
