import {
  HAPROXY_METRICS_PORT,
  POSTGRES_EXPORTER_PORT,
  REDIS_EXPORTER_PORT,
  REPLICA_METRICS_PORT,
  replicaName,
  TOXIPROXY_API_PORT,
  TOXIPROXY_HOST,
  type Bus,
} from './topology.ts';

export interface PrometheusOptions {
  replicas: number;
  scrapeIntervalSeconds: number;
  bus?: Bus;
  /** Host names of the scrape targets; the compose file names replicas the same way. */
  replicaHost?: (index: number) => string;
}

/**
 * Scrapes replicas directly on their metrics port (not through their links:
 * observation must not be faulted along with the traffic; and not on the
 * client-facing port, which no longer serves /metrics), HAProxy's exporter, Toxiproxy, and the
 * Postgres and Redis exporters. NATS has no Prometheus exporter in Debian, so
 * a NATS lab has no bus metrics beyond the replicas' own.
 * Written as YAML by hand: flat and tiny, and Prometheus accepts JSON-style
 * flow collections.
 */
export function prometheusConfig({
  replicas,
  scrapeIntervalSeconds,
  bus = 'redis',
  replicaHost = replicaName,
}: PrometheusOptions): string {
  const replicaTargets = Array.from(
    { length: replicas },
    (_, i) => `'${replicaHost(i + 1)}:${REPLICA_METRICS_PORT}'`,
  ).join(', ');
  const job = (name: string, target: string) => [
    `  - job_name: ${name}`,
    `    static_configs: [{ targets: ['${target}'] }]`,
  ];
  return [
    'global:',
    `  scrape_interval: ${scrapeIntervalSeconds}s`,
    `  evaluation_interval: ${scrapeIntervalSeconds}s`,
    'scrape_configs:',
    '  - job_name: swagboard',
    `    static_configs: [{ targets: [${replicaTargets}] }]`,
    ...job('haproxy', `haproxy:${HAPROXY_METRICS_PORT}`),
    ...job('toxiproxy', `${TOXIPROXY_HOST}:${TOXIPROXY_API_PORT}`),
    ...job('postgres', `postgres-exporter:${POSTGRES_EXPORTER_PORT}`),
    ...(bus === 'redis' ? job('redis', `redis-exporter:${REDIS_EXPORTER_PORT}`) : []),
    '',
  ].join('\n');
}
