// What the parent of a segmented run and each instance's process exchange.
import type { SummaryData } from '../../../reports/results.ts';
import type { Overrides } from '../../runner/executors/config.ts';
import type { TrendValues } from './trend-recorder.ts';

export interface SegmentChildConfig {
  scriptPath: string;
  env: Record<string, string>;
  /** Like k6's --vus/--duration, the same on every instance (each takes its share). */
  overrides: Overrides;
  segment: string;
  sequence: string;
  /** Becomes the `instance` tag of every sample, hence a label in Prometheus. */
  instance: string;
  /** Remote-write settings (K6_PROMETHEUS_RW_*), the server URL included. */
  remoteWriteEnv: Record<string, string>;
  runId: string;
  outputDir: string;
  /** Where the instance's result goes (InstanceResult JSON). */
  resultPath: string;
}

export interface InstanceResult {
  instance: string;
  segment: string;
  exitCode: number;
  error?: string;
  summary: SummaryData;
  /** Every trend value by summary key, for exact merged percentiles. */
  trendValues: TrendValues;
}
