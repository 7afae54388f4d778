// Configs for compose/docker-compose.yml, generated from the same code as the
// lab's (so the two topologies cannot drift): two replicas, every hop behind a
// Toxiproxy link, HAProxy in front, Prometheus scraping everything.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeDir } from '../paths.ts';
import { haproxyConfig } from './haproxy-config.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { planLinks, type Bus } from './topology.ts';

export const COMPOSE_REPLICAS = 2;
export const composeGeneratedDir = join(composeDir, 'generated');

export function composeConfigFiles({ bus }: { bus: Bus }): Record<string, string> {
  const links = planLinks(COMPOSE_REPLICAS, bus);
  const toxiproxy = links.map((l) => ({ name: l.name, listen: `0.0.0.0:${l.listenPort}`, upstream: l.upstream, enabled: true }));
  return {
    'haproxy.cfg': haproxyConfig({ replicas: COMPOSE_REPLICAS, links, balance: 'leastconn' }),
    // 5 s matches the Grafana datasource's timeInterval (dashboards/grafana/provisioning.ts).
    'prometheus.yml': prometheusConfig({ replicas: COMPOSE_REPLICAS, scrapeIntervalSeconds: 5, bus }),
    'toxiproxy.json': `${JSON.stringify(toxiproxy, null, 2)}\n`,
    'bus.env': `SWAGBOARD_BUS=${bus}\n`,
  };
}

export async function writeComposeConfig(options: { bus: Bus }, dir = composeGeneratedDir): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(composeConfigFiles(options))) {
    await writeFile(join(dir, name), content);
    written.push(join(dir, name));
  }
  return written;
}
