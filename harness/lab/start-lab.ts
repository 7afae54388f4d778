import { randomBytes } from 'node:crypto';
import type { StartedTestContainer } from 'testcontainers';
import { docker } from '../images/docker-cli.ts';
import { ensureImages } from '../images/ensure-images.ts';
import { labImages } from './lab-images.ts';
import { GRAFANA_PORT, PROMETHEUS_PORT, SERVICES, ZIPKIN_PORT } from '../services/service-catalogue.ts';
import { removeLab, removeStaleLabs } from './cleanup.ts';
import { findGrafanaImage, grafanaContainerFiles } from './grafana.ts';
import { haproxyConfig } from './haproxy-config.ts';
import { labelArgs, labLabels } from './labels.ts';
import { reachableHost } from './listen-address.ts';
import { Lab } from './lab.ts';
import { catalogued, socketBufferSysctls, startLabContainer } from './lab-containers.ts';
import { parseLabSpec, type LabSpec, type LabSpecInput } from './lab-spec.ts';
import { saveLabState, type LabState } from './lab-state.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { replicaEnv } from './replica-env.ts';
import { ToxiproxyApi } from './toxiproxy-api.ts';
import { waitForBackends } from './wait-for-backends.ts';
import { waitForScrapes } from './wait-for-scrapes.ts';
import { startZipkinEarly } from './zipkin.ts';
import {
  CLIENT_EDGE_PORT,
  CLIENT_SLOW_PORT,
  HAPROXY_PORT,
  HAPROXY_STATS_PORT,
  findLink,
  planLinks,
  proxiedLinks,
  replicaName,
  TOXIPROXY_API_PORT,
  type LinkPlan,
} from './topology.ts';

export interface StartLabOptions {
  log?: (line: string) => void;
  /** Aborting (Ctrl-C) removes whatever was already started. */
  signal?: AbortSignal;
}

/**
 * Starts the whole topology on one labelled network and waits until HAProxy
 * routes to every replica. On any failure everything already made is removed.
 */
export async function startLab(
  input: LabSpecInput = {},
  { log = () => {}, signal }: StartLabOptions = {},
): Promise<Lab> {
  const spec = parseLabSpec(input);
  await removeStaleLabs(log);
  const images: Record<string, string> = { ...(await ensureImages(labImages(spec), log)) };
  const grafanaImage = await findGrafanaImage();
  if (grafanaImage) images.grafana = grafanaImage;
  const labId = newLabId();
  const started = Date.now();
  log(`lab ${labId}: starting ${spec.replicas} replica(s) on ${spec.bus}`);
  try {
    const state = await startTopology(labId, spec, images, log, signal);
    await saveLabState(state);
    log(`lab ${labId}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return new Lab(state);
  } catch (error) {
    log(`lab ${labId}: ${signal?.aborted ? 'interrupted' : 'failed'}; removing what was started`);
    await removeLab(labId);
    throw error;
  }
}

async function startTopology(
  labId: string,
  spec: LabSpec,
  images: Record<string, string>,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<LabState> {
  const check = () => signal?.throwIfAborted();
  const network = `swaglab-${labId}`;
  const created = await docker(['network', 'create', ...labelArgs(labLabels(labId, spec.lifetime)), network]);
  if (created.code !== 0) throw new Error(`could not create network ${network}: ${created.stderr}`);
  const base = { labId, lifetime: spec.lifetime, network, listen: spec.listen };
  const url = (container: StartedTestContainer, port: number) =>
    `http://${reachableHost(spec.listen)}:${container.getMappedPort(port)}`;
  const containers: Record<string, StartedTestContainer> = {};
  const links = planLinks(spec.replicas, spec.bus, spec.directLinks);

  check();
  const zipkin = images.zipkin ? startZipkinEarly(base, images.zipkin, log) : undefined;
  log(`starting postgres, bus${zipkin ? ', toxiproxy and zipkin' : ' and toxiproxy'}`);
  [containers.postgres, containers[spec.bus], containers.toxiproxy] = await Promise.all([
    startLabContainer({
      ...base,
      ...catalogued('postgres'),
      image: images.postgres!,
      // Each replica's pool holds up to 10 connections; leave room for the exporter and psql.
      command: ['-c', `max_connections=${Math.max(200, spec.replicas * 10 + 30)}`],
    }),
    startLabContainer({
      ...base,
      ...catalogued(spec.bus),
      image: images[spec.bus]!,
    }),
    startLabContainer({
      ...base,
      ...catalogued('toxiproxy'),
      image: images.toxiproxy!,
      exposedPorts: [...SERVICES.toxiproxy.ports, CLIENT_EDGE_PORT, CLIENT_SLOW_PORT],
      sysctls: socketBufferSysctls(spec.socketBufferBytes),
    }),
  ]);
  const toxiproxyUrl = url(containers.toxiproxy, TOXIPROXY_API_PORT);
  await new ToxiproxyApi(toxiproxyUrl).populate(
    proxiedLinks(links).map((l) => ({
      name: l.name,
      listen: `0.0.0.0:${l.listenPort}`,
      upstream: l.upstream,
      enabled: true,
    })),
  );

  check();
  log(`starting ${spec.replicas} replica(s)`);
  const replicas = await Promise.all(
    Array.from({ length: spec.replicas }, (_, i) => startReplica(base, spec, images.server!, links, i + 1)),
  );
  replicas.forEach((replica, i) => (containers[replicaName(i + 1)] = replica));

  check();
  log(`starting haproxy, prometheus, exporters${images.grafana ? ' and grafana' : ''}`);
  const observers = await Promise.all([
    startLabContainer({
      ...base,
      ...catalogued('haproxy'),
      image: images.haproxy!,
      files: [
        {
          target: '/etc/swaglab/haproxy.cfg',
          content: haproxyConfig({ replicas: spec.replicas, links, balance: spec.balance }),
        },
      ],
      sysctls: socketBufferSysctls(spec.socketBufferBytes),
    }),
    startLabContainer({
      ...base,
      ...catalogued('prometheus'),
      image: images.prometheus!,
      files: [
        {
          target: '/etc/swaglab/prometheus.yml',
          content: prometheusConfig({
            replicas: spec.replicas,
            scrapeIntervalSeconds: spec.scrapeIntervalSeconds,
            bus: spec.bus,
          }),
        },
      ],
    }),
    startLabContainer({ ...base, ...catalogued('postgres-exporter'), image: images['postgres-exporter']! }),
    spec.bus === 'redis'
      ? startLabContainer({ ...base, ...catalogued('redis-exporter'), image: images['redis-exporter']! })
      : undefined,
    images.grafana
      ? startLabContainer({ ...base, ...catalogued('grafana'), image: images.grafana, files: grafanaContainerFiles() })
      : undefined,
  ]);
  const [haproxy, prometheus, postgresExporter, redisExporter, grafana] = observers as [
    StartedTestContainer,
    StartedTestContainer,
    StartedTestContainer,
    StartedTestContainer?,
    StartedTestContainer?,
  ];
  for (const [name, container] of Object.entries({
    haproxy,
    prometheus,
    'postgres-exporter': postgresExporter,
    'redis-exporter': redisExporter,
    grafana,
  })) {
    if (container) containers[name] = container;
  }
  const haproxyStatsUrl = url(haproxy, HAPROXY_STATS_PORT);
  await waitForBackends(haproxyStatsUrl, spec.replicas, 60_000, { signal });
  await waitForScrapes(url(prometheus, PROMETHEUS_PORT), spec.replicas, 30_000, { signal });
  if (zipkin) containers.zipkin = await zipkin.ready();

  return {
    labId,
    spec,
    network,
    startedAt: new Date().toISOString(),
    endpoints: {
      clientUrl: findLink(links, 'client.edge').direct
        ? url(haproxy, HAPROXY_PORT)
        : url(containers.toxiproxy, CLIENT_EDGE_PORT),
      slowClientUrl: findLink(links, 'client.slow').direct
        ? url(haproxy, HAPROXY_PORT)
        : url(containers.toxiproxy, CLIENT_SLOW_PORT),
      haproxyUrl: url(haproxy, HAPROXY_PORT),
      haproxyStatsUrl,
      prometheusUrl: url(prometheus, PROMETHEUS_PORT),
      toxiproxyUrl,
      ...(grafana ? { grafanaUrl: url(grafana, GRAFANA_PORT) } : {}),
      ...(containers.zipkin ? { zipkinUrl: url(containers.zipkin, ZIPKIN_PORT) } : {}),
    },
    links,
    containers: Object.fromEntries(Object.entries(containers).map(([name, c]) => [name, c.getId()])),
    images,
  };
}

function startReplica(
  base: { labId: string; lifetime: LabSpec['lifetime']; network: string; listen: string },
  spec: LabSpec,
  image: string,
  links: LinkPlan[],
  index: number,
) {
  const name = replicaName(index);
  return startLabContainer({
    ...base,
    ...catalogued('server'),
    image,
    alias: name,
    // Load scenarios join boards by name; sign-in is exercised by scenarios that opt in (serverEnv).
    env: replicaEnv(spec, links, index, `lab-${base.labId}`),
    cpus: spec.replicaCpus,
    memoryMb: spec.replicaMemoryMb,
    sysctls: socketBufferSysctls(spec.socketBufferBytes),
  });
}

function newLabId(): string {
  const now = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${now}-${randomBytes(2).toString('hex')}`;
}
