// Every service the lab and the tests run, as data: its image, its ports inside
// the container, how to tell it is ready, and how a client addresses it. The
// lab (start-lab.ts), test/support, `swaglab board` and the benches all start
// services from this one table, so a readiness pattern or a port lives once.
import { Wait, type WaitStrategy } from 'testcontainers';
import type { ImageName } from '../images/image-catalogue.ts';

export type ServiceName = ImageName | 'grafana';

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
export const NATS_PORT = 4222;
export const NATS_MONITOR_PORT = 8222;
export const TOXIPROXY_API_PORT = 8474;
export const HAPROXY_PORT = 8080;
export const HAPROXY_STATS_PORT = 8404;
export const HAPROXY_METRICS_PORT = 8405;
export const PROMETHEUS_PORT = 9090;
export const REPLICA_PORT = 8080;
/** A replica's /metrics (SWAGBOARD_METRICS_PORT): scraped by Prometheus on the lab network, never published, never behind HAProxy. */
export const REPLICA_METRICS_PORT = 9464;
export const REDIS_EXPORTER_PORT = 9121;
export const POSTGRES_EXPORTER_PORT = 9187;
export const ZIPKIN_PORT = 9411;
export const GRAFANA_PORT = 3000;

export interface ServiceSpec {
  /** The project's image (harness/images); Grafana has none: a user's local image is used (lab/grafana.ts). */
  image?: ImageName;
  /** Ports inside the container; the first is the one clients use. */
  ports: [number, ...number[]];
  /** A fresh strategy per container: testcontainers' strategies are mutable builders. */
  ready: () => WaitStrategy;
  command?: string[];
  /** How a client addresses the service's first port; plain http when absent. */
  url?: (host: string, port: number) => string;
}

export const SERVICES: Record<ServiceName, ServiceSpec> = {
  postgres: {
    image: 'postgres',
    ports: [POSTGRES_PORT],
    ready: () => Wait.forLogMessage(/database system is ready to accept connections/),
    url: (host, port) => `postgres://swag@${host}:${port}/swagboard`,
  },
  redis: {
    image: 'redis',
    ports: [REDIS_PORT],
    ready: () => Wait.forLogMessage(/Ready to accept connections/),
    url: (host, port) => `redis://${host}:${port}`,
  },
  nats: {
    image: 'nats',
    ports: [NATS_PORT, NATS_MONITOR_PORT],
    ready: () => Wait.forLogMessage(/Server is ready/),
    url: (host, port) => `nats://${host}:${port}`,
  },
  toxiproxy: {
    image: 'toxiproxy',
    ports: [TOXIPROXY_API_PORT],
    command: ['toxiproxy-server', '-host', '0.0.0.0', '-proxy-metrics', '-runtime-metrics'],
    ready: () => Wait.forHttp('/version', TOXIPROXY_API_PORT),
  },
  haproxy: {
    image: 'haproxy',
    ports: [HAPROXY_PORT, HAPROXY_STATS_PORT, HAPROXY_METRICS_PORT],
    ready: () => Wait.forHttp('/metrics', HAPROXY_METRICS_PORT),
  },
  prometheus: { image: 'prometheus', ports: [PROMETHEUS_PORT], ready: () => Wait.forHttp('/-/ready', PROMETHEUS_PORT) },
  'postgres-exporter': {
    image: 'postgres-exporter',
    ports: [POSTGRES_EXPORTER_PORT],
    ready: () => Wait.forHttp('/metrics', POSTGRES_EXPORTER_PORT),
  },
  'redis-exporter': {
    image: 'redis-exporter',
    ports: [REDIS_EXPORTER_PORT],
    ready: () => Wait.forHttp('/metrics', REDIS_EXPORTER_PORT),
  },
  server: {
    image: 'server',
    ports: [REPLICA_PORT],
    ready: () => Wait.forHttp('/healthz', REPLICA_PORT).forStatusCode(200),
  },
  zipkin: { image: 'zipkin', ports: [ZIPKIN_PORT], ready: () => Wait.forHttp('/health', ZIPKIN_PORT) },
  grafana: { ports: [GRAFANA_PORT], ready: () => Wait.forHttp('/api/health', GRAFANA_PORT) },
};

/** A service's client address on `host` at its published `port`. */
export function serviceUrl(name: ServiceName, host: string, port: number): string {
  return SERVICES[name].url?.(host, port) ?? `http://${host}:${port}`;
}
