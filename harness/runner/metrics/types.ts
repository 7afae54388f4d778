import type { MetricType } from '../../../reports/results.ts';

export type { MetricType };
export type Contains = 'time' | 'data' | 'default';
export type Tags = Record<string, string>;

/** One measurement, as streamed to `onSample` (e.g. for a Prometheus bridge). */
export interface Sample {
  metric: string;
  type: MetricType;
  /** 'time' values are milliseconds, 'data' bytes. */
  contains: Contains;
  value: number;
  tags: Tags;
  /** Unix epoch milliseconds. */
  time: number;
  /** exec.vu.metrics.metadata when the VU set any: carried to onSample, never indexed (no series, thresholds or summary rows). */
  metadata?: Tags;
}

export interface MetricDef {
  name: string;
  type: MetricType;
  contains: Contains;
}
