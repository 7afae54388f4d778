// Picks the slowest cross-node deliveries out of traces as Zipkin's API returns them (/api/v2/traces).
import type { SlowDelivery } from './traces-results.ts';

/** The fields of a Zipkin v2 span this reads; times in microseconds. */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  tags?: Record<string, string>;
}

export const REPLICA_TAG = 'swagboard.replica';

/**
 * A trace is a cross-node delivery when another replica received its event from the bus. Its duration runs
 * from its root span's start (the writer's replica receiving the message) to the end of the last span on a
 * replica other than the origin (that replica's `fanout.deliver`, or its `bus.receive` if it had no sockets).
 */
export function crossNodeDelivery(trace: ZipkinSpan[]): SlowDelivery | undefined {
  const timed = trace.filter((s) => s.timestamp !== undefined);
  const root = timed.find((s) => !s.parentId) ?? [...timed].sort((a, b) => a.timestamp! - b.timestamp!)[0];
  const origin = root?.tags?.[REPLICA_TAG];
  if (!root || !origin || !trace.some((s) => s.name?.startsWith('bus.receive'))) return undefined;
  const remote = timed.filter((s) => s.tags?.[REPLICA_TAG] && s.tags[REPLICA_TAG] !== origin);
  if (remote.length === 0) return undefined;
  const end = Math.max(...remote.map((s) => s.timestamp! + (s.duration ?? 0)));
  const others = [...new Set(remote.map((s) => s.tags![REPLICA_TAG]!))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  return {
    traceId: root.traceId,
    durationMs: Math.max(0, end - root.timestamp!) / 1000,
    replicas: [origin, ...others],
  };
}

export function slowestDeliveries(traces: ZipkinSpan[][], limit: number): SlowDelivery[] {
  return traces
    .map(crossNodeDelivery)
    .filter((d): d is SlowDelivery => d !== undefined)
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, limit);
}
