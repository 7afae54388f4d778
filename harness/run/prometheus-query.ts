import type { SeriesResult } from '../../reports/results.ts';

export interface QuerySpec {
  id: string;
  title: string;
  unit: string;
  expr: string;
}

interface MatrixResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

/** Evaluates one query over [start, end] with Prometheus' query_range. Errors are recorded, not thrown: a report with one broken panel is still a report. */
export async function queryRange(
  prometheusUrl: string,
  query: QuerySpec,
  start: Date,
  end: Date,
  stepSeconds: number,
): Promise<SeriesResult> {
  const params = new URLSearchParams({
    query: query.expr,
    start: (start.getTime() / 1000).toFixed(3),
    end: (end.getTime() / 1000).toFixed(3),
    step: String(stepSeconds),
  });
  const base: SeriesResult = {
    id: query.id,
    title: query.title,
    unit: query.unit,
    query: query.expr,
    stepSeconds,
    series: [],
  };
  try {
    const response = await fetch(`${prometheusUrl}/api/v1/query_range?${params}`);
    const body = (await response.json()) as MatrixResponse;
    if (body.status !== 'success' || !body.data) return { ...base, error: body.error ?? `HTTP ${response.status}` };
    return {
      ...base,
      series: body.data.result.map((r) => ({
        labels: withoutNoise(r.metric),
        points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)),
      })),
    };
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
}

/** `instance` and `job` repeat what `replica` already says. */
function withoutNoise(labels: Record<string, string>): Record<string, string> {
  const { instance: _instance, job: _job, ...rest } = labels;
  return rest;
}

/** Step that gives a chart a few hundred points at most, never finer than the scrape interval. */
export function stepFor(start: Date, end: Date, scrapeIntervalSeconds: number): number {
  const seconds = Math.max(1, (end.getTime() - start.getTime()) / 1000);
  return Math.max(scrapeIntervalSeconds, Math.ceil(seconds / 300));
}

export interface InstantResult {
  samples: Array<{ labels: Record<string, string>; value: number }>;
  error?: string;
}

interface VectorResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

/** Evaluates one expression at one instant (Prometheus' query). Errors are recorded, not thrown, like queryRange. */
export async function queryInstant(prometheusUrl: string, expr: string, at: Date): Promise<InstantResult> {
  const params = new URLSearchParams({ query: expr, time: (at.getTime() / 1000).toFixed(3) });
  try {
    const response = await fetch(`${prometheusUrl}/api/v1/query?${params}`);
    const body = (await response.json()) as VectorResponse;
    if (body.status !== 'success' || !body.data) return { samples: [], error: body.error ?? `HTTP ${response.status}` };
    if (body.data.resultType !== 'vector')
      return { samples: [], error: `expected a vector, got ${body.data.resultType}` };
    return {
      samples: body.data.result
        .map((r) => ({ labels: withoutNoise(r.metric), value: Number(r.value[1]) }))
        .filter((s) => Number.isFinite(s.value)),
    };
  } catch (error) {
    return { samples: [], error: (error as Error).message };
  }
}
