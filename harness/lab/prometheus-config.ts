import { HAPROXY_METRICS_PORT, REPLICA_PORT, replicaName, TOXIPROXY_API_PORT, TOXIPROXY_HOST } from './topology.ts';

export interface PrometheusOptions {
  replicas: number;
  scrapeIntervalSeconds: number;
}

/**
 * Scrapes replicas directly (not through their links: observation must not be
 * faulted along with the traffic), HAProxy's exporter, and Toxiproxy.
 * Written as YAML by hand: flat and tiny, and Prometheus accepts JSON-style
 * flow collections.
 */
export function prometheusConfig({ replicas, scrapeIntervalSeconds }: PrometheusOptions): string {
  const replicaTargets = Array.from({ length: replicas }, (_, i) => `'${replicaName(i + 1)}:${REPLICA_PORT}'`).join(', ');
  return [
    'global:',
    `  scrape_interval: ${scrapeIntervalSeconds}s`,
    `  evaluation_interval: ${scrapeIntervalSeconds}s`,
    'scrape_configs:',
    '  - job_name: swagboard',
    `    static_configs: [{ targets: [${replicaTargets}] }]`,
    '  - job_name: haproxy',
    `    static_configs: [{ targets: ['haproxy:${HAPROXY_METRICS_PORT}'] }]`,
    '  - job_name: toxiproxy',
    `    static_configs: [{ targets: ['${TOXIPROXY_HOST}:${TOXIPROXY_API_PORT}'] }]`,
    '',
  ].join('\n');
}
