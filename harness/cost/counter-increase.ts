// Deliveries and writes over the run window, from the replicas' own counters in Prometheus.
import { queryInstant } from '../run/prometheus-query.ts';

export interface CountQuery {
  /** What results.json names as the source. */
  name: string;
  /** A counter selector; the query sums its increase over every replica. */
  selector: string;
}

/** Preferred counter first; a fallback only answers where the preferred one has no series (servers built before it). */
export const DELIVERY_QUERIES: CountQuery[] = [
  { name: 'swagboard_events_delivered_total', selector: 'swagboard_events_delivered_total' },
  {
    name: 'swagboard_ws_messages_sent_total{type="event"}',
    selector: 'swagboard_ws_messages_sent_total{type="event"}',
  },
];
export const WRITE_QUERIES: CountQuery[] = [
  { name: 'swagboard_changes_committed_total', selector: 'swagboard_changes_committed_total' },
  {
    name: 'swagboard_ws_messages_received_total{type=~"task\\\\..*"}',
    selector: 'swagboard_ws_messages_received_total{type=~"task\\\\..*"}',
  },
];

export function increaseExpr(selector: string, seconds: number): string {
  return `sum(increase(${selector}[${Math.max(1, Math.round(seconds * 1000))}ms]))`;
}

/** The first query with series: its summed increase over [start, end], and its name. */
export async function countOver(
  prometheusUrl: string,
  queries: CountQuery[],
  start: Date,
  end: Date,
): Promise<{ value: number; source: string }> {
  for (const query of queries) {
    const expr = increaseExpr(query.selector, (end.getTime() - start.getTime()) / 1000);
    const answer = await queryInstant(prometheusUrl, expr, end);
    if (answer.error) throw new Error(`Prometheus refused ${expr}: ${answer.error}`);
    const sample = answer.samples[0];
    if (sample !== undefined) return { value: sample.value, source: query.name };
  }
  return { value: 0, source: 'none' };
}
