import { findLink, HAPROXY_METRICS_PORT, HAPROXY_PORT, HAPROXY_STATS_PORT, linkAddress, replicaName, type LinkPlan } from './topology.ts';

export type BalanceAlgorithm = 'leastconn' | 'roundrobin' | 'source' | 'random';

export interface HaproxyOptions {
  replicas: number;
  links: LinkPlan[];
  balance: BalanceAlgorithm;
}

/**
 * HAProxy in front of the replicas, each reached through its `replica-N.http`
 * link. WebSockets need `timeout tunnel` (idle upgraded connections) well above
 * the HTTP timeouts; health checks on /healthz take a draining replica out.
 */
export function haproxyConfig({ replicas, links, balance }: HaproxyOptions): string {
  const servers = Array.from({ length: replicas }, (_, i) => {
    const name = replicaName(i + 1);
    return `  server ${name} ${linkAddress(findLink(links, `${name}.http`))} check`;
  });
  return [
    'global',
    // Two descriptors per proxied connection; containers here may not raise their limit past 20,000.
    '  maxconn 9000',
    '  log stdout format raw local0 notice',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option dontlognull',
    // A killed replica's address stops answering rather than refusing: keep connects and checks
    // short, retry, and redispatch a failed connect to another replica, so clients fail over in ~2 s.
    '  timeout connect 1s',
    '  timeout check 1s',
    '  retries 2',
    '  option redispatch',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout tunnel 1h',
    '  timeout client-fin 5s',
    '  timeout server-fin 5s',
    '  timeout http-request 10s',
    '',
    'frontend board',
    `  bind :${HAPROXY_PORT}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    `  balance ${balance}`,
    '  option httpchk GET /healthz',
    '  http-check expect status 200',
    '  default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2 init-addr last,libc,none',
    ...servers,
    '',
    'frontend stats',
    `  bind :${HAPROXY_STATS_PORT}`,
    '  stats enable',
    '  stats uri /',
    '  stats refresh 2s',
    '',
    'frontend metrics',
    `  bind :${HAPROXY_METRICS_PORT}`,
    '  http-request use-service prometheus-exporter if { path /metrics }',
    '',
  ].join('\n');
}
