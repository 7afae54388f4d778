// The one catalogue of PromQL panel queries. Grafana dashboards are generated
// from it and the harness evaluates the same expressions over each run window
// (query_range) for the report, so "what Grafana shows" and "what the report
// shows" cannot drift apart. Each query is written once as a function of
// label filters: the report uses it unfiltered (`expr`), the dashboards with
// their template variables (`exprFor({ replica: '$replica', … })`).

export type PanelKind = 'timeseries' | 'stat' | 'heatmap';
export type DashboardId = 'overview' | 'load' | 'infrastructure';
/** Same unit vocabulary as SeriesResult.unit in reports/results.ts. */
export type QueryUnit = 'seconds' | 'bytes' | 'count' | 'per-second' | 'ratio';

/**
 * Regular expressions (PromQL `=~`) that narrow a query to some replicas, a
 * bus or a run. Absent means "every one". Each query applies only the filters
 * whose label its series carry (server series have replica, bus series also
 * bus, runner series run_id), so a filter never empties an unrelated panel.
 */
export interface QueryFilters {
  replica?: string;
  bus?: string;
  runId?: string;
}

export interface CatalogueQuery {
  /** Stable kebab-case id; also names the series in results.json. */
  id: string;
  title: string;
  unit: QueryUnit;
  /** The expression with no filter: what the report evaluates. Equals exprFor({}). */
  expr: string;
  /** The same expression narrowed by label filters (dashboards' variables). */
  exprFor: (filters: QueryFilters) => string;
  /** Which filters change this query; the others are ignored by exprFor. */
  filteredBy: ReadonlyArray<keyof QueryFilters>;
  kind: PanelKind;
  dashboard: DashboardId;
  /** Labels that tell the series of this query apart (legend text). */
  legendLabels: string[];
  description?: string;
}

type QueryDefinition = Omit<CatalogueQuery, 'expr' | 'filteredBy'>;

/**
 * Window for rate()/increase(). A literal (not Grafana's $__rate_interval)
 * because the harness sends these expressions straight to Prometheus. 30s
 * holds ≥4 samples at a scrape interval of up to 7.5s, which rate() needs to
 * stay stable through a missed scrape, while still showing short chaos events.
 */
export const RATE_WINDOW = '30s';

const SWAGBOARD = 'job="swagboard"';
const HAPROXY = 'job="haproxy"';
const TOXIPROXY = 'job="toxiproxy"';
const POSTGRES = 'job="postgres"';
const REDIS = 'job="redis"';

const matcher = (label: string, value: string | undefined): string[] =>
  value === undefined ? [] : [`${label}=~"${value}"`];
/** Server series: every one has the replica label (the registry's default label). */
const server = (f: QueryFilters): string => [SWAGBOARD, ...matcher('replica', f.replica)].join(', ');
/** Bus series: replica and bus. */
const bus = (f: QueryFilters): string => [server(f), ...matcher('bus', f.bus)].join(', ');
/** The runner's remote-written series: run_id. */
const runner = (f: QueryFilters): string => matcher('run_id', f.runId).join(', ');
const braces = (selector: string): string => (selector ? `{${selector}}` : '');

const rate = (metric: string, selector: string): string => `rate(${metric}{${selector}}[${RATE_WINDOW}])`;
const fanoutQuantile = (q: number, by: string, f: QueryFilters): string =>
  `histogram_quantile(${q}, sum by (${by}) (${rate('swagboard_fanout_latency_seconds_bucket', server(f))}))`;
/** Several series sets in one query (one chart, one legend), each given `label`=its key: `labelled('what', { drops: expr })`. */
const labelled = (label: string, parts: Record<string, string>): string =>
  Object.entries(parts)
    .map(([value, expr]) => `label_replace(${expr}, "${label}", "${value}", "", "")`)
    .join(' or ');
/** Per-hop latency (swagboard_hop_seconds: hop × path, see CONTRACTS.md); the report's waterfall reads the same buckets over the whole run. */
const hopQuantile = (q: number, f: QueryFilters): string =>
  `histogram_quantile(${q}, sum by (le, hop, path) (${rate('swagboard_hop_seconds_bucket', server(f))}))`;

const DEFINITIONS: readonly QueryDefinition[] = [
  // ── overview: is the system healthy and how loaded is it ──────────────────
  {
    id: 'replicas-up',
    title: 'Replicas up',
    unit: 'count',
    exprFor: (f) =>
      `sum(up{${[SWAGBOARD, ...matcher('instance', f.replica === undefined ? undefined : `(${f.replica}):.*`)].join(', ')}})`,
    kind: 'stat',
    dashboard: 'overview',
    legendLabels: [],
    description: 'Scrape targets of the swagboard job that answered the last scrape.',
  },
  {
    id: 'ws-connections-total',
    title: 'WebSocket connections',
    unit: 'count',
    exprFor: (f) => `sum(swagboard_ws_connections{${server(f)}})`,
    kind: 'stat',
    dashboard: 'overview',
    legendLabels: [],
  },
  {
    id: 'fanout-latency-p99-now',
    title: 'Fan-out latency p99',
    unit: 'seconds',
    exprFor: (f) => fanoutQuantile(0.99, 'le', f),
    kind: 'stat',
    dashboard: 'overview',
    legendLabels: [],
  },
  {
    id: 'ws-connections-per-replica',
    title: 'WebSocket connections per replica',
    unit: 'count',
    exprFor: (f) => `sum by (replica) (swagboard_ws_connections{${server(f)}})`,
    kind: 'timeseries',
    dashboard: 'overview',
    legendLabels: ['replica'],
  },
  {
    id: 'fanout-latency-quantiles',
    title: 'Fan-out latency p50 / p99 (publish to deliver)',
    unit: 'seconds',
    // Two quantiles in one series set, so a single query (and a single report chart) shows the spread.
    exprFor: (f) => labelled('quantile', { p50: fanoutQuantile(0.5, 'le', f), p99: fanoutQuantile(0.99, 'le', f) }),
    kind: 'timeseries',
    dashboard: 'overview',
    legendLabels: ['quantile'],
  },
  {
    id: 'ws-messages-in-out-rate',
    title: 'WebSocket messages in / out per second',
    unit: 'per-second',
    exprFor: (f) =>
      labelled('direction', {
        in: `sum(${rate('swagboard_ws_messages_received_total', server(f))})`,
        out: `sum(${rate('swagboard_ws_messages_sent_total', server(f))})`,
      }),
    kind: 'timeseries',
    dashboard: 'overview',
    legendLabels: ['direction'],
  },

  // ── load: where the messages go and how long fan-out takes ────────────────
  {
    id: 'ws-messages-received-rate',
    title: 'Messages received per second by replica and type',
    unit: 'per-second',
    exprFor: (f) => `sum by (replica, type) (${rate('swagboard_ws_messages_received_total', server(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica', 'type'],
  },
  {
    id: 'ws-messages-sent-rate',
    title: 'Messages sent per second by replica and type',
    unit: 'per-second',
    exprFor: (f) => `sum by (replica, type) (${rate('swagboard_ws_messages_sent_total', server(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica', 'type'],
  },
  {
    id: 'fanout-latency-p50-per-replica',
    title: 'Fan-out latency p50 per replica',
    unit: 'seconds',
    exprFor: (f) => fanoutQuantile(0.5, 'le, replica', f),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
  },
  {
    id: 'fanout-latency-p99-per-replica',
    title: 'Fan-out latency p99 per replica',
    unit: 'seconds',
    exprFor: (f) => fanoutQuantile(0.99, 'le, replica', f),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
  },
  {
    id: 'fanout-latency-heatmap',
    title: 'Fan-out latency distribution',
    unit: 'per-second',
    exprFor: (f) => `sum by (le) (${rate('swagboard_fanout_latency_seconds_bucket', server(f))})`,
    kind: 'heatmap',
    dashboard: 'load',
    legendLabels: ['le'],
    description: 'Per-bucket observation rate; Grafana draws it as a heatmap of the histogram.',
  },
  {
    id: 'hop-latency-p50',
    title: 'Per-hop latency p50 (frame → socket, by hop and path)',
    unit: 'seconds',
    exprFor: (f) => hopQuantile(0.5, f),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['hop', 'path'],
    description:
      'path="write": receive_validate, validate_commit, commit_publish; "cross": bus_transit; "same"|"cross": release, socket_first, socket_last.',
  },
  {
    id: 'hop-latency-p99',
    title: 'Per-hop latency p99 (frame → socket, by hop and path)',
    unit: 'seconds',
    exprFor: (f) => hopQuantile(0.99, f),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['hop', 'path'],
  },
  {
    id: 'bus-publish-rate',
    title: 'Bus publishes per second',
    unit: 'per-second',
    exprFor: (f) => `sum by (replica, bus) (${rate('swagboard_bus_publish_total', bus(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica', 'bus'],
  },
  {
    id: 'bus-received-rate',
    title: 'Bus messages received per second',
    unit: 'per-second',
    exprFor: (f) => `sum by (replica, bus) (${rate('swagboard_bus_received_total', bus(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica', 'bus'],
  },

  // ── load: what reaches clients, bus lag, errors and slow consumers ────────
  {
    id: 'events-delivered-rate',
    title: 'Deliveries per second by replica',
    unit: 'per-second',
    exprFor: (f) => `sum by (replica) (${rate('swagboard_events_delivered_total', server(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
    description: 'Events written to sockets: one per event per socket, batched frames counted by their events.',
  },
  {
    id: 'bus-receive-lag-p99',
    title: 'Bus lag p99 (publish to receive) by replica',
    unit: 'seconds',
    exprFor: (f) =>
      `histogram_quantile(0.99, sum by (le, replica) (${rate('swagboard_bus_receive_lag_seconds_bucket', bus(f))}))`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
  },
  {
    id: 'errors-rate',
    title: 'Errors per second (to clients by code, and Postgres)',
    unit: 'per-second',
    exprFor: (f) =>
      `sum by (code) (${rate('swagboard_errors_total', server(f))}) or ${labelled('code', { db: `sum(${rate('swagboard_db_errors_total', server(f))})` })}`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['code'],
  },
  {
    id: 'slow-consumer-drops-rate',
    title: 'Slow consumers: messages dropped and 4008 closes per second',
    unit: 'per-second',
    exprFor: (f) =>
      labelled('what', {
        dropped: `sum(${rate('swagboard_ws_messages_dropped_total', server(f))})`,
        'closed 4008': `sum(${rate('swagboard_ws_slow_consumer_disconnects_total', server(f))})`,
      }),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['what'],
    description:
      'Past the soft send-queue limit typing is dropped and presence coalesced; past the hard one the connection is closed with 4008.',
  },

  // ── load: the runner's own metrics (remote write, k6_* names, run_id label) ─
  {
    id: 'runner-vus',
    title: 'Load generator: active VUs',
    unit: 'count',
    exprFor: (f) => `sum by (run_id) (k6_vus${braces(runner(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['run_id'],
    description: 'Streamed by the swaglab runner (or k6 -o experimental-prometheus-rw) once per second.',
  },
  {
    id: 'runner-broadcast-latency-p99',
    title: 'Client-measured broadcast latency p99 by path (since the run started)',
    unit: 'seconds',
    exprFor: (f) => `max by (path) (k6_swag_broadcast_latency_p99${braces(runner(f))})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['path'],
    description:
      'Cumulative per series, as k6 sends trend stats: each point is the p99 of all samples so far (of one runner instance when the run is split).',
  },
  {
    id: 'runner-ws-messages-received-rate',
    title: 'Load generator: WebSocket messages received per second',
    unit: 'per-second',
    exprFor: (f) => `sum by (run_id) (rate(k6_ws_msgs_received_total${braces(runner(f))}[${RATE_WINDOW}]))`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['run_id'],
  },
  {
    id: 'runner-connection-drops',
    title: 'Client connection drops and reconnects (cumulative)',
    unit: 'count',
    exprFor: (f) =>
      labelled('what', {
        drops: `sum(k6_swag_connection_drops_total${braces(runner(f))})`,
        reconnects: `sum(k6_swag_reconnects_total${braces(runner(f))})`,
      }),
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['what'],
  },

  // ── infrastructure: processes and the load balancer ───────────────────────
  {
    id: 'resident-memory-per-replica',
    title: 'Resident memory per replica',
    unit: 'bytes',
    exprFor: (f) => `max by (replica) (swagboard_process_resident_memory_bytes{${server(f)}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['replica'],
  },
  {
    id: 'cpu-per-replica',
    title: 'CPU usage per replica (share of one core)',
    unit: 'ratio',
    exprFor: (f) => `sum by (replica) (${rate('swagboard_process_cpu_seconds_total', server(f))})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['replica'],
  },
  {
    id: 'eventloop-lag-per-replica',
    title: 'Event-loop lag per replica',
    unit: 'seconds',
    exprFor: (f) => `max by (replica) (swagboard_nodejs_eventloop_lag_seconds{${server(f)}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['replica'],
  },
  {
    id: 'eventloop-lag-p99-per-replica',
    title: 'Event-loop lag p99 per replica',
    unit: 'seconds',
    exprFor: (f) => `max by (replica) (swagboard_nodejs_eventloop_lag_p99_seconds{${server(f)}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['replica'],
  },
  {
    id: 'haproxy-sessions-per-server',
    title: 'HAProxy current sessions per server',
    unit: 'count',
    exprFor: () => `sum by (proxy, server) (haproxy_server_current_sessions{${HAPROXY}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['proxy', 'server'],
  },
  {
    id: 'haproxy-frontend-sessions',
    title: 'HAProxy current sessions per frontend',
    unit: 'count',
    exprFor: () => `sum by (proxy) (haproxy_frontend_current_sessions{${HAPROXY}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['proxy'],
  },
  {
    id: 'haproxy-servers-up',
    title: 'HAProxy servers UP',
    unit: 'count',
    // HAProxy ≥ 2.4 exports one series per state with value 1 for the current one.
    exprFor: () => `sum(haproxy_server_status{${HAPROXY}, state="UP"})`,
    kind: 'stat',
    dashboard: 'infrastructure',
    legendLabels: [],
  },

  // ── backing services, as their exporters see them ─────────────────────────
  {
    id: 'link-throughput',
    title: 'Bytes per second through each lab link',
    unit: 'per-second',
    exprFor: () => `sum by (proxy, direction) (${rate('toxiproxy_proxy_sent_bytes_total', TOXIPROXY)})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['proxy', 'direction'],
    description: 'Toxiproxy links (client.edge, replica-N.http|bus|postgres); a toxic or a down link shows here first.',
  },
  {
    id: 'postgres-commits-rate',
    title: 'Postgres commits per second',
    unit: 'per-second',
    exprFor: () => `sum by (datname) (${rate('pg_stat_database_xact_commit', `${POSTGRES}, datname="swagboard"`)})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['datname'],
  },
  {
    id: 'postgres-connections',
    title: 'Postgres connections by state',
    unit: 'count',
    exprFor: () => `sum by (state) (pg_stat_activity_count{${POSTGRES}, datname="swagboard"})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: ['state'],
  },
  {
    id: 'redis-connected-clients',
    title: 'Redis connected clients',
    unit: 'count',
    exprFor: () => `sum(redis_connected_clients{${REDIS}})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: [],
    description: 'Redis bus only; NATS has no exporter in Debian, so NATS labs show no series here.',
  },
  {
    id: 'redis-commands-rate',
    title: 'Redis commands per second',
    unit: 'per-second',
    exprFor: (f) => `sum(${rate('redis_commands_processed_total', REDIS)})`,
    kind: 'timeseries',
    dashboard: 'infrastructure',
    legendLabels: [],
    description: 'Redis bus only (publishes and subscription traffic).',
  },
];

/** Probe values, one per filter: a query is filtered by a filter when the probe shows up in its expression. */
const PROBES: Required<QueryFilters> = { replica: '__probe_replica__', bus: '__probe_bus__', runId: '__probe_run__' };

export const CATALOGUE: readonly CatalogueQuery[] = DEFINITIONS.map((definition) => ({
  ...definition,
  expr: definition.exprFor({}),
  filteredBy: (Object.keys(PROBES) as Array<keyof QueryFilters>).filter((key) =>
    definition.exprFor({ [key]: PROBES[key] }).includes(PROBES[key]),
  ),
}));

export const DASHBOARDS: ReadonlyArray<{ id: DashboardId; title: string }> = [
  { id: 'overview', title: 'SwagBoard — Overview' },
  { id: 'load', title: 'SwagBoard — Load and fan-out' },
  { id: 'infrastructure', title: 'SwagBoard — Infrastructure' },
];

export function queriesFor(dashboard: DashboardId): CatalogueQuery[] {
  return CATALOGUE.filter((query) => query.dashboard === dashboard);
}
