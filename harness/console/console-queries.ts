// The console's live charts, by catalogue id: the console draws what dashboards and reports draw.
import { CATALOGUE, type CatalogueQuery } from '../../dashboards/catalogue.ts';

/** Chart order on the page. */
const CHART_IDS = [
  'ws-connections-per-replica',
  'events-delivered-rate',
  'bus-receive-lag-p99',
  'errors-rate',
  'slow-consumer-drops-rate',
  'hop-latency-p99',
] as const;

/** The catalogue query of `id`; a missing one is a programming error, named at start-up. */
function catalogued(id: string, purpose: string): CatalogueQuery {
  const query = CATALOGUE.find((q) => q.id === id);
  if (!query) throw new Error(`${purpose} needs "${id}" in dashboards/catalogue.ts`);
  return query;
}

export function consoleCharts(): CatalogueQuery[] {
  return CHART_IDS.map((id) => catalogued(id, 'a console chart'));
}

/** The waterfall's source: each hop's p50, as the load dashboard shows it. */
export function waterfallQuery(): CatalogueQuery {
  return catalogued('hop-latency-p50', 'the per-hop waterfall');
}
