// The lab's wiring as pure data: which link (Toxiproxy proxy) carries which
// hop, on which port. Every hop that can fail in production goes through one.

export type Bus = 'redis' | 'nats';

export interface LinkPlan {
  /** Stable name, e.g. `client.edge`, `replica-2.bus`, `replica-1.http`. */
  name: string;
  /** Port Toxiproxy listens on inside the lab network (host `toxiproxy`). */
  listenPort: number;
  /** host:port the link forwards to. */
  upstream: string;
}

export const TOXIPROXY_HOST = 'toxiproxy';
export const TOXIPROXY_API_PORT = 8474;
export const CLIENT_EDGE_PORT = 10000;
/** A second way in, for clients that a scenario slows down while the rest stay fast. */
export const CLIENT_SLOW_PORT = 10001;
export const HAPROXY_PORT = 8080;
export const HAPROXY_STATS_PORT = 8404;
export const HAPROXY_METRICS_PORT = 8405;
export const REPLICA_PORT = 8080;
export const REDIS_EXPORTER_PORT = 9121;
export const POSTGRES_EXPORTER_PORT = 9187;
export const BUS_PORTS: Record<Bus, number> = { redis: 6379, nats: 4222 };

export function replicaName(index: number): string {
  return `replica-${index}`;
}

export function planLinks(replicas: number, bus: Bus): LinkPlan[] {
  const links: LinkPlan[] = [
    { name: 'client.edge', listenPort: CLIENT_EDGE_PORT, upstream: `haproxy:${HAPROXY_PORT}` },
    { name: 'client.slow', listenPort: CLIENT_SLOW_PORT, upstream: `haproxy:${HAPROXY_PORT}` },
  ];
  for (let i = 1; i <= replicas; i++) {
    const replica = replicaName(i);
    links.push(
      { name: `${replica}.http`, listenPort: 11000 + i, upstream: `${replica}:${REPLICA_PORT}` },
      { name: `${replica}.bus`, listenPort: 12000 + i, upstream: `${bus}:${BUS_PORTS[bus]}` },
      { name: `${replica}.postgres`, listenPort: 13000 + i, upstream: 'postgres:5432' },
    );
  }
  return links;
}

export function linkAddress(link: LinkPlan): string {
  return `${TOXIPROXY_HOST}:${link.listenPort}`;
}

export function findLink(links: LinkPlan[], name: string): LinkPlan {
  const link = links.find((l) => l.name === name);
  if (!link) throw new Error(`unknown link "${name}"; expected one of ${links.map((l) => l.name).join(', ')}`);
  return link;
}
