// The lab's wiring as pure data: which link (Toxiproxy proxy) carries which
// hop, on which port. Every hop that can fail in production goes through one.

import { HAPROXY_PORT, NATS_PORT, POSTGRES_PORT, REDIS_PORT, REPLICA_PORT } from '../services/service-catalogue.ts';

export type Bus = 'redis' | 'nats';

export interface LinkPlan {
  /** Stable name, e.g. `client.edge`, `replica-2.bus`, `replica-1.http`. */
  name: string;
  /** Port Toxiproxy listens on inside the lab network (host `toxiproxy`). */
  listenPort: number;
  /** host:port the link forwards to. */
  upstream: string;
  /** Wired straight to its upstream, without Toxiproxy (`directLinks`): cheaper, but no faults. Absent = proxied. */
  direct?: true;
}

export const TOXIPROXY_HOST = 'toxiproxy';
// Each service's own ports are in the catalogue; re-exported because the lab's configs are written against them.
export {
  HAPROXY_METRICS_PORT,
  HAPROXY_PORT,
  HAPROXY_STATS_PORT,
  POSTGRES_EXPORTER_PORT,
  REDIS_EXPORTER_PORT,
  REPLICA_METRICS_PORT,
  REPLICA_PORT,
  TOXIPROXY_API_PORT,
} from '../services/service-catalogue.ts';
export const CLIENT_EDGE_PORT = 10000;
/** A second way in, for clients that a scenario slows down while the rest stay fast. */
export const CLIENT_SLOW_PORT = 10001;
export const BUS_PORTS: Record<Bus, number> = { redis: REDIS_PORT, nats: NATS_PORT };

export function replicaName(index: number): string {
  return `replica-${index}`;
}

/** Every hop goes through Toxiproxy unless `directLinks` names it (a name or a glob such as `replica-*.http`). */
export function planLinks(replicas: number, bus: Bus, directLinks: string[] = []): LinkPlan[] {
  const links: LinkPlan[] = [
    { name: 'client.edge', listenPort: CLIENT_EDGE_PORT, upstream: `haproxy:${HAPROXY_PORT}` },
    { name: 'client.slow', listenPort: CLIENT_SLOW_PORT, upstream: `haproxy:${HAPROXY_PORT}` },
  ];
  for (let i = 1; i <= replicas; i++) {
    const replica = replicaName(i);
    links.push(
      { name: `${replica}.http`, listenPort: 11000 + i, upstream: `${replica}:${REPLICA_PORT}` },
      { name: `${replica}.bus`, listenPort: 12000 + i, upstream: `${bus}:${BUS_PORTS[bus]}` },
      { name: `${replica}.postgres`, listenPort: 13000 + i, upstream: `postgres:${POSTGRES_PORT}` },
    );
  }
  const direct = matchLinks(
    links.map((l) => l.name),
    directLinks,
  );
  return links.map((l) => (direct.has(l.name) ? { ...l, direct: true } : l));
}

/** The names the patterns match; a pattern matching nothing is an error naming the valid ones. */
export function matchLinks(names: string[], patterns: string[]): Set<string> {
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
    const hits = names.filter((name) => regex.test(name));
    if (hits.length === 0)
      throw new Error(
        `expected link names or globs (e.g. replica-*.bus) matching one of ${names.join(', ')}; got "${pattern}"`,
      );
    hits.forEach((name) => matched.add(name));
  }
  return matched;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a hop's client connects: its Toxiproxy listener, or the upstream itself for a direct link. */
export function linkAddress(link: LinkPlan): string {
  return link.direct ? link.upstream : `${TOXIPROXY_HOST}:${link.listenPort}`;
}

export function proxiedLinks(links: LinkPlan[]): LinkPlan[] {
  return links.filter((l) => !l.direct);
}

export function findLink(links: LinkPlan[], name: string): LinkPlan {
  const link = links.find((l) => l.name === name);
  if (!link) throw new Error(`unknown link "${name}"; expected one of ${links.map((l) => l.name).join(', ')}`);
  return link;
}
