import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Fine at the low end, where a healthy fan-out lives, and reaching 5 s for the bad days. */
const LATENCY_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1,
  1.5, 2, 3, 5,
];

/**
 * The one registry of a server instance. Labels are bounded: message types come from the
 * protocol's closed set (unknown ones are counted as "unknown"), codes from errors.ts, bus from config.
 */
export function createMetrics(replica: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ replica });
  collectDefaultMetrics({ register: registry, prefix: 'swagboard_' });
  const registers = [registry];
  /** Sent messages per type, counted as plain numbers on the hot path and handed to prom-client at scrape time. */
  const unsentToCounter = new Map<string, number>();
  return {
    registry,
    sent: {
      add(type: string, count = 1): void {
        unsentToCounter.set(type, (unsentToCounter.get(type) ?? 0) + count);
      },
    },
    wsConnections: new Gauge({ name: 'swagboard_ws_connections', help: 'Open WebSocket connections', registers }),
    wsMessagesReceived: new Counter({
      name: 'swagboard_ws_messages_received_total',
      help: 'WebSocket messages received, by protocol type',
      labelNames: ['type'] as const,
      registers,
    }),
    wsMessagesSent: new Counter({
      name: 'swagboard_ws_messages_sent_total',
      help: 'WebSocket messages sent, by protocol type (tallied in process and added at each scrape)',
      labelNames: ['type'] as const,
      registers,
      collect() {
        for (const [type, count] of unsentToCounter) this.inc({ type }, count);
        unsentToCounter.clear();
      },
    }),
    fanoutLatency: new Histogram({
      name: 'swagboard_fanout_latency_seconds',
      help: 'Time from an event being accepted to its hand-off to local sockets; sampled, not per socket: observed twice per event per replica, when the first and when the last local socket got it',
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
    busPublished: new Counter({
      name: 'swagboard_bus_publish_total',
      help: 'Messages published on the bus',
      labelNames: ['bus'] as const,
      registers,
    }),
    busPublishErrors: new Counter({
      name: 'swagboard_bus_publish_errors_total',
      help: 'Bus publishes that failed after the change was committed',
      labelNames: ['bus'] as const,
      registers,
    }),
    busReceived: new Counter({
      name: 'swagboard_bus_received_total',
      help: 'Messages received from the bus, own messages included',
      labelNames: ['bus'] as const,
      registers,
    }),
    busReceiveLag: new Histogram({
      name: 'swagboard_bus_receive_lag_seconds',
      help: 'Time from a message being published on the bus to it being received by this replica',
      labelNames: ['bus'] as const,
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
    errors: new Counter({
      name: 'swagboard_errors_total',
      help: 'Errors reported to clients, by error code',
      labelNames: ['code'] as const,
      registers,
    }),
    dbErrors: new Counter({ name: 'swagboard_db_errors_total', help: 'Failed Postgres queries', registers }),
    wsQueuedBytes: new Gauge({
      name: 'swagboard_ws_queued_bytes',
      help: 'Bytes waiting to be written to all WebSocket clients of this replica',
      registers,
    }),
    wsSendQueueBytes: new Histogram({
      name: 'swagboard_ws_send_queue_bytes',
      help: "A connection's outgoing queue in bytes, sampled at each send that finds it non-empty",
      buckets: [0, 1024, 4096, 16_384, 65_536, 262_144, 524_288, 1_048_576, 4_194_304],
      registers,
    }),
    wsDropped: new Counter({
      name: 'swagboard_ws_messages_dropped_total',
      help: 'Server messages not sent to a client past its soft queue limit (typing dropped, presence coalesced), by type',
      labelNames: ['type'] as const,
      registers,
    }),
    slowConsumerDisconnects: new Counter({
      name: 'swagboard_ws_slow_consumer_disconnects_total',
      help: 'Connections closed with 4008 past the hard queue limit',
      registers,
    }),
    wsRejected: new Counter({
      name: 'swagboard_ws_rejected_connections_total',
      help: 'WebSocket upgrades refused, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    resumes: new Counter({
      name: 'swagboard_resumes_total',
      help: 'Board catch-ups (hello with since, or resync), by outcome: replayed, reset or current',
      labelNames: ['outcome'] as const,
      registers,
    }),
    replayedEvents: new Counter({
      name: 'swagboard_replayed_events_total',
      help: 'Events sent from Postgres during a resume, resync or gap fill',
      registers,
    }),
    resets: new Counter({
      name: 'swagboard_resets_total',
      help: 'reset messages sent because a client was further behind than the resume window',
      registers,
    }),
    fanoutGapFills: new Counter({
      name: 'swagboard_fanout_gap_fills_total',
      help: 'Bus gaps a replica filled from Postgres after the reorder timeout',
      registers,
    }),
    rateLimited: new Counter({
      name: 'swagboard_rate_limited_messages_total',
      help: 'Client messages refused with E_RATE_LIMITED, by the bucket that ran dry',
      labelNames: ['scope'] as const,
      registers,
    }),
    authFailures: new Counter({
      name: 'swagboard_auth_failures_total',
      help: 'Failed sign-ins and rejected tokens or sessions, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    presenceMembers: new Gauge({
      name: 'swagboard_presence_members',
      help: 'Users online, summed over boards, as this replica sees them (all replicas)',
      registers,
    }),
    changesCommitted: new Counter({
      name: 'swagboard_changes_committed_total',
      help: 'Board changes committed by this replica (each with its seq and event)',
      registers,
    }),
    commitBatchSize: new Histogram({
      name: 'swagboard_commit_batch_size',
      help: 'Changes per group-commit batch of one board (one statement, one transaction)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    }),
    writesRefused: new Counter({
      name: 'swagboard_writes_refused_total',
      help: "Writes refused at once with E_BOARD_BUSY, by reason (pending_limit: the board's pending writes on this replica were at SWAGBOARD_MAX_PENDING_WRITES)",
      labelNames: ['reason'] as const,
      registers,
    }),
    ...hopMetrics(registers),
    ...deliveryMetrics(registers),
  };
}

/** Sub-millisecond at the low end: one hop of a healthy change takes tens of microseconds. */
export const HOP_BUCKETS_SECONDS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** One hop's histogram series, bound once so the hot path does not hash labels. */
export interface HopObserver {
  observe(seconds: number): void;
}

/** Per-path pair, for the hops that exist on both the same-node and the cross-node path. */
export interface HopsByPath {
  same: HopObserver;
  cross: HopObserver;
}

/** swagboard_hop_seconds{hop,path} as CONTRACTS.md fixes it, plus its series bound per hop and path. */
function hopMetrics(registers: Registry[]) {
  const hopSeconds = new Histogram({
    name: 'swagboard_hop_seconds',
    help: 'Time a change spends in each hop, observed once per event per replica (never per socket). path=write: receive_validate, validate_commit, commit_publish; path=cross: bus_transit; path=same|cross: release, socket_first, socket_last',
    labelNames: ['hop', 'path'] as const,
    buckets: HOP_BUCKETS_SECONDS,
    registers,
  });
  const series = (hop: string, path: string): HopObserver => hopSeconds.labels({ hop, path });
  const byPath = (hop: string): HopsByPath => ({ same: series(hop, 'same'), cross: series(hop, 'cross') });
  return {
    hopSeconds,
    hops: {
      receiveValidate: series('receive_validate', 'write'),
      validateCommit: series('validate_commit', 'write'),
      commitPublish: series('commit_publish', 'write'),
      busTransit: series('bus_transit', 'cross'),
      release: byPath('release'),
      socketFirst: byPath('socket_first'),
      socketLast: byPath('socket_last'),
    },
  };
}

/** swagboard_events_delivered_total, tallied as a plain number on the hot path and handed to prom-client at scrape time. */
function deliveryMetrics(registers: Registry[]) {
  let notCounted = 0;
  return {
    delivered: {
      /** `count` events were written to one socket (one single frame, or one batched frame of `count`). */
      add(count: number): void {
        notCounted += count;
      },
    },
    eventsDelivered: new Counter({
      name: 'swagboard_events_delivered_total',
      help: 'Events written to WebSocket clients: one per event per socket, in single or batched frames (tallied in process and added at each scrape)',
      registers,
      collect() {
        if (notCounted > 0) this.inc(notCounted);
        notCounted = 0;
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
