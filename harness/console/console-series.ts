// The charts' data: each console query over the last few minutes from the
// lab's Prometheus, aligned on one time axis (the shape uPlot draws).
import type { CatalogueQuery } from '../../dashboards/catalogue.ts';
import { queryRange } from '../run/prometheus-query.ts';
import type { SeriesResult } from '../../reports/results.ts';

export interface ChartData {
  id: string;
  unit: string;
  /** Epoch seconds. */
  x: number[];
  series: Array<{ label: string; values: Array<number | null> }>;
  error?: string;
}

/** `{replica="replica-1"}` → `replica-1`; several labels joined. */
export function seriesLabel(labels: Record<string, string>, legend: string[]): string {
  const parts = legend.map((l) => labels[l]).filter(Boolean);
  return parts.length ? parts.join(' ') : Object.values(labels).join(' ') || 'total';
}

export function alignSeries(query: CatalogueQuery, result: SeriesResult): ChartData {
  const x = [...new Set(result.series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const series = result.series
    .map((s) => {
      const values: Array<number | null> = x.map(() => null);
      for (const [t, v] of s.points) values[index.get(t)!] = v;
      return { label: seriesLabel(s.labels, query.legendLabels), values };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  return { id: query.id, unit: query.unit, x, series, ...(result.error ? { error: result.error } : {}) };
}

export async function chartData(
  prometheusUrl: string,
  queries: CatalogueQuery[],
  windowSeconds: number,
  now = new Date(),
): Promise<ChartData[]> {
  const start = new Date(now.getTime() - windowSeconds * 1000);
  const step = Math.max(1, Math.ceil(windowSeconds / 300));
  return Promise.all(queries.map(async (q) => alignSeries(q, await queryRange(prometheusUrl, q, start, now, step))));
}
