// The console's live charts. Each one names a catalogue query where the
// catalogue has it (so the console draws what dashboards and reports draw);
// the few the catalogue lacks so far are written here in the same shape, to
// move into dashboards/catalogue.ts once its concurrent edit has landed.
import { CATALOGUE, RATE_WINDOW, type CatalogueQuery } from '../../dashboards/catalogue.ts';

const rate = (metric: string): string => `rate(${metric}{job="swagboard"}[${RATE_WINDOW}])`;

/** A lab-wide query: the console has no variables, so it ignores every filter. */
const unfiltered = (query: Omit<CatalogueQuery, 'exprFor' | 'filteredBy'>): CatalogueQuery => ({ ...query, exprFor: () => query.expr, filteredBy: [] });

/** Not (yet) in the catalogue: delivered events, bus lag, errors, slow-consumer drops. */
export const CONSOLE_ONLY_QUERIES: readonly CatalogueQuery[] = (
  [
  {
    id: 'events-delivered-rate',
    title: 'Deliveries per second by replica',
    unit: 'per-second',
    expr: `sum by (replica) (${rate('swagboard_events_delivered_total')})`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
  },
  {
    id: 'bus-receive-lag-p99',
    title: 'Bus lag p99 (publish to receive) by replica',
    unit: 'seconds',
    expr: `histogram_quantile(0.99, sum by (le, replica) (${rate('swagboard_bus_receive_lag_seconds_bucket')}))`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['replica'],
  },
  {
    id: 'errors-rate',
    title: 'Errors per second (to clients by code, and Postgres)',
    unit: 'per-second',
    expr: `sum by (code) (${rate('swagboard_errors_total')}) or label_replace(sum(${rate('swagboard_db_errors_total')}), "code", "db", "", "")`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['code'],
  },
  {
    id: 'slow-consumer-drops-rate',
    title: 'Slow consumers: messages dropped and 4008 closes per second',
    unit: 'per-second',
    expr:
      `label_replace(sum(${rate('swagboard_ws_messages_dropped_total')}), "what", "dropped", "", "") or ` +
      `label_replace(sum(${rate('swagboard_ws_slow_consumer_disconnects_total')}), "what", "closed 4008", "", "")`,
    kind: 'timeseries',
    dashboard: 'load',
    legendLabels: ['what'],
  },
] satisfies Array<Omit<CatalogueQuery, 'exprFor' | 'filteredBy'>>
).map(unfiltered);

/** Chart order on the page. */
const CHART_IDS = [
  'ws-connections-per-replica',
  'events-delivered-rate',
  'bus-receive-lag-p99',
  'errors-rate',
  'slow-consumer-drops-rate',
  'hop-latency-p99',
] as const;

export function consoleCharts(): CatalogueQuery[] {
  const all = [...CATALOGUE, ...CONSOLE_ONLY_QUERIES];
  return CHART_IDS.map((id) => {
    const query = all.find((q) => q.id === id);
    if (!query) throw new Error(`console chart "${id}" is in neither dashboards/catalogue.ts nor the console's own queries`);
    return query;
  });
}

/** The waterfall's source: each hop's p50, as the load dashboard shows it. */
export function waterfallQuery(): CatalogueQuery {
  const query = CATALOGUE.find((q) => q.id === 'hop-latency-p50');
  if (!query) throw new Error('the per-hop waterfall needs hop-latency-p50 in dashboards/catalogue.ts');
  return query;
}
