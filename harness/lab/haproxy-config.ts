import {
  findLink,
  HAPROXY_METRICS_PORT,
  HAPROXY_PORT,
  HAPROXY_STATS_PORT,
  linkAddress,
  replicaName,
  type LinkPlan,
} from './topology.ts';

export type BalanceAlgorithm = 'leastconn' | 'roundrobin' | 'source' | 'random';

export interface HaproxyOptions {
  replicas: number;
  links: LinkPlan[];
  balance: BalanceAlgorithm;
}

/**
 * Wait for a WebSocket upgrade's 101 before trying another replica. Twice the client's first patience:
 * a herd on a busy machine can take a second to be answered, and a timeout counts toward marking the
 * replica down; a replica that truly hangs is taken out by its health checks within about 1.5 s anyway.
 */
export const UPGRADE_RESPONSE_TIMEOUT = '2s';

/**
 * HAProxy in front of the replicas, each reached through its `replica-N.http`
 * link. WebSockets need `timeout tunnel` (idle upgraded connections) well above
 * the HTTP timeouts; health checks on /healthz take a draining replica out.
 *
 * Failover without a client ever seeing it: a dead replica sits behind its
 * Toxiproxy link, so HAProxy's connect succeeds and the failure shows as an
 * empty response (or, while a replica drains, a 503). Such requests are retried
 * on another replica (`retry-on` + `redispatch 1`), and two in a row mark the
 * replica down at once (`observe layer7`), before any health check would. An
 * upgrade waits at most UPGRADE_RESPONSE_TIMEOUT for its 101, then is retried.
 * Only upgrades and other GETs are retried past a connection failure: a write
 * sent to a replica that then died may have been committed.
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
    '  timeout connect 1s',
    '  timeout check 1s',
    '  retries 3',
    // Every retry goes to another replica, not the one that just failed.
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout 502 503 504',
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
    '  acl websocket_upgrade hdr(upgrade) -i websocket',
    '  http-request disable-l7-retry unless METH_GET',
    `  http-request set-timeout server ${UPGRADE_RESPONSE_TIMEOUT} if websocket_upgrade`,
    // Checks every 500 ms (250 ms once a check failed) catch what passive observation cannot: an idle replica.
    '  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2 observe layer7 error-limit 2 on-error mark-down init-addr last,libc,none',
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
