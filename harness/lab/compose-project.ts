// The lab's topology as a compose project, built from the same generators as
// the Testcontainers lab (links, HAProxy, Prometheus, replica settings,
// Grafana provisioning), so the two cannot drift. Pure: path → content.
import { stringify } from 'yaml';
import { DASHBOARDS_MOUNT } from '../../dashboards/grafana/provisioning.ts';
import { grafanaFiles } from '../../dashboards/grafana/build.ts';
import type { ImageName } from '../images/image-catalogue.ts';
import { GRAFANA_PORT, ZIPKIN_PORT } from '../services/service-catalogue.ts';
import { haproxyConfig } from './haproxy-config.ts';
import { parseLabSpec, type LabSpec } from './lab-spec.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { replicaEnv } from './replica-env.ts';
import {
  CLIENT_EDGE_PORT,
  CLIENT_SLOW_PORT,
  HAPROXY_PORT,
  HAPROXY_STATS_PORT,
  planLinks,
  proxiedLinks,
  replicaName,
  TOXIPROXY_API_PORT,
  type Bus,
} from './topology.ts';

export interface ComposeProjectOptions {
  replicas: number;
  bus: Bus;
  /** Image per lab image name: the content-hash tags ensureImages returns. */
  images: Partial<Record<ImageName, string>>;
  /** A local Grafana image; absent, Grafana is put behind the `grafana` profile with the official image, pulled on demand. */
  grafanaImage?: string;
  tokenSecret: string;
}

/** Pulled only by `--profile grafana`; the version the dashboards were checked against. */
export const OFFICIAL_GRAFANA_IMAGE = 'grafana/grafana:11.3.0';

/** Host ports, each movable with its variable; every one binds 127.0.0.1. */
export const PUBLISHED_PORTS = {
  board: { variable: 'SWAGLAB_BOARD_PORT', port: CLIENT_EDGE_PORT },
  slowBoard: { variable: 'SWAGLAB_SLOW_BOARD_PORT', port: CLIENT_SLOW_PORT },
  toxiproxy: { variable: 'SWAGLAB_TOXIPROXY_PORT', port: TOXIPROXY_API_PORT },
  haproxy: { variable: 'SWAGLAB_HAPROXY_PORT', port: 8080 },
  haproxyStats: { variable: 'SWAGLAB_HAPROXY_STATS_PORT', port: HAPROXY_STATS_PORT },
  prometheus: { variable: 'SWAGLAB_PROMETHEUS_PORT', port: 9090 },
  zipkin: { variable: 'SWAGLAB_ZIPKIN_PORT', port: ZIPKIN_PORT },
  grafana: { variable: 'SWAGLAB_GRAFANA_PORT', port: GRAFANA_PORT },
} as const;

type PortName = keyof typeof PUBLISHED_PORTS;
const publish = (name: PortName, containerPort: number) =>
  `127.0.0.1:\${${PUBLISHED_PORTS[name].variable}:-${PUBLISHED_PORTS[name].port}}:${containerPort}`;

interface Service {
  image: string;
  [key: string]: unknown;
}

export function composeProject(options: ComposeProjectOptions): Map<string, string> {
  const spec = parseLabSpec({ replicas: options.replicas, bus: options.bus });
  const links = planLinks(spec.replicas, spec.bus);
  const image = (name: ImageName) => {
    const tag = options.images[name];
    if (!tag) throw new Error(`invalid compose images; expected a tag for ${name}, got none`);
    return tag;
  };
  const files = new Map<string, string>();
  files.set('haproxy/haproxy.cfg', haproxyConfig({ replicas: spec.replicas, links, balance: spec.balance }));
  files.set(
    'prometheus/prometheus.yml',
    prometheusConfig({ replicas: spec.replicas, scrapeIntervalSeconds: spec.scrapeIntervalSeconds, bus: spec.bus }),
  );
  const proxies = proxiedLinks(links).map((l) => ({
    name: l.name,
    listen: `0.0.0.0:${l.listenPort}`,
    upstream: l.upstream,
    enabled: true,
  }));
  files.set('toxiproxy/toxiproxy.json', `${JSON.stringify(proxies, null, 2)}\n`);
  for (const [relative, content] of grafanaFiles())
    files.set(`grafana/${relative.startsWith('provisioning/') ? relative : `dashboards/${relative}`}`, content);
  files.set(
    'docker-compose.yml',
    header(spec, options.grafanaImage === undefined) +
      stringify({ services: services(spec, options, image, links) }, { lineWidth: 0 }),
  );
  return files;
}

function services(
  spec: LabSpec,
  options: ComposeProjectOptions,
  image: (name: ImageName) => string,
  links: ReturnType<typeof planLinks>,
): Record<string, Service> {
  const replicas = Array.from({ length: spec.replicas }, (_, i) => replicaName(i + 1));
  const all: Record<string, Service> = {
    postgres: {
      image: image('postgres'),
      command: ['-c', `max_connections=${Math.max(200, spec.replicas * 10 + 30)}`],
    },
    [spec.bus]: { image: image(spec.bus) },
    toxiproxy: {
      image: image('toxiproxy'),
      command: [
        'toxiproxy-server',
        '-host',
        '0.0.0.0',
        '-config',
        '/etc/swaglab/toxiproxy.json',
        '-proxy-metrics',
        '-runtime-metrics',
      ],
      volumes: ['./toxiproxy/toxiproxy.json:/etc/swaglab/toxiproxy.json:ro'],
      ports: [
        publish('toxiproxy', TOXIPROXY_API_PORT),
        publish('board', CLIENT_EDGE_PORT),
        publish('slowBoard', CLIENT_SLOW_PORT),
      ],
      depends_on: ['postgres', spec.bus],
    },
  };
  replicas.forEach((name, i) => {
    all[name] = {
      image: image('server'),
      environment: replicaEnv(spec, links, i + 1, options.tokenSecret),
      // Not on zipkin: spans sent before it is up are lost, as in the lab, and a stack without traces starts sooner.
      depends_on: ['toxiproxy'],
      // Postgres may still be initialising when a replica first connects; it exits and is started again.
      restart: 'on-failure',
    };
  });
  all.haproxy = {
    image: image('haproxy'),
    volumes: ['./haproxy/haproxy.cfg:/etc/swaglab/haproxy.cfg:ro'],
    ports: [publish('haproxy', HAPROXY_PORT), publish('haproxyStats', HAPROXY_STATS_PORT)],
    depends_on: replicas,
  };
  all.prometheus = {
    image: image('prometheus'),
    volumes: ['./prometheus/prometheus.yml:/etc/swaglab/prometheus.yml:ro'],
    ports: [publish('prometheus', 9090)],
  };
  all['postgres-exporter'] = { image: image('postgres-exporter'), depends_on: ['postgres'] };
  if (spec.bus === 'redis') all['redis-exporter'] = { image: image('redis-exporter'), depends_on: ['redis'] };
  all.zipkin = { image: image('zipkin'), ports: [publish('zipkin', ZIPKIN_PORT)] };
  all.grafana = {
    image: options.grafanaImage ?? OFFICIAL_GRAFANA_IMAGE,
    ...(options.grafanaImage ? {} : { profiles: ['grafana'] }),
    environment: {
      GF_AUTH_ANONYMOUS_ENABLED: 'true',
      GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    },
    volumes: ['./grafana/provisioning:/etc/grafana/provisioning:ro', `./grafana/dashboards:${DASHBOARDS_MOUNT}:ro`],
    ports: [publish('grafana', GRAFANA_PORT)],
    depends_on: ['prometheus'],
  };
  return all;
}

function header(spec: LabSpec, grafanaBehindProfile: boolean): string {
  const port = (name: PortName) => `127.0.0.1:${PUBLISHED_PORTS[name].port} (${PUBLISHED_PORTS[name].variable})`;
  return [
    `# Generated by \`swaglab compose-config --replicas ${spec.replicas} --bus ${spec.bus}\`; regenerate rather than edit.`,
    `# Up:   docker-compose -p swaglab -f <this file> up -d${grafanaBehindProfile ? '        (add --profile grafana to pull and start Grafana)' : ''}`,
    '# Down: docker-compose -p swaglab -f <this file> down -v',
    `# Board ${port('board')} through client.edge, slow clients ${port('slowBoard')}, HAProxy ${port('haproxy')},`,
    `# stats ${port('haproxyStats')}, Prometheus ${port('prometheus')}, Toxiproxy API ${port('toxiproxy')},`,
    `# Zipkin ${port('zipkin')}, Grafana ${port('grafana')}. Replicas' /metrics (9464) is scraped on the compose network, never published.`,
    '',
  ].join('\n');
}
