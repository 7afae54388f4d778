// The shape of reports/runs/<run-id>/results.json: everything one run produced.
// Renderers (HTML, JUnit, comparison) are pure functions of this; later reports
// and comparisons read it back, so changes must stay backward compatible
// (bump `schema` when they cannot).
import type { TracesResults } from './traces/traces-results.ts';
import type { CostResults } from './cost/cost-results.ts';

/** k6's end-of-test summary data, as handed to handleSummary(data). */
export interface SummaryData {
  metrics: Record<string, SummaryMetric>;
  root_group: SummaryGroup;
  options: { summaryTrendStats: string[]; summaryTimeUnit?: string; noColor?: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
}

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

export interface SummaryMetric {
  type: MetricType;
  /** 'time' for durations in ms, 'data' for bytes, 'default' otherwise. */
  contains: 'time' | 'data' | 'default';
  /** trend: avg,min,med,max,p(90),p(95)…; counter: count,rate; rate: rate,passes,fails; gauge: value,min,max */
  values: Record<string, number>;
  /** Threshold source expression → whether it held. */
  thresholds?: Record<string, { ok: boolean }>;
}

export interface SummaryGroup {
  name: string;
  path: string;
  id: string;
  groups: SummaryGroup[];
  checks: Array<{ name: string; path: string; id: string; passes: number; fails: number }>;
}

export interface MachineInfo {
  hostname: string;
  cpuModel: string;
  cpus: number;
  memoryBytes: number;
  os: string;
  node: string;
}

export interface RunSettings {
  scenario: string;
  replicas: number;
  bus: 'redis' | 'nats';
  plan?: string;
  /** Scenario environment (__ENV) the run was started with. */
  env: Record<string, string>;
  gitRevision: string;
  machine: MachineInfo;
  /** 'swaglab' (the built-in k6-compatible runner) or 'k6' (a real k6 binary). */
  runner: 'swaglab' | 'k6';
  /** Runner processes the test was split across with execution segments (absent: one). */
  instances?: number;
}

/** One catalogue query evaluated over the run window (Prometheus query_range). */
export interface SeriesResult {
  id: string;
  title: string;
  /** Unit of the values: 'seconds', 'bytes', 'count', 'per-second', 'ratio'. */
  unit: string;
  query: string;
  stepSeconds: number;
  series: Array<{ labels: Record<string, string>; points: Array<[unixSeconds: number, value: number]> }>;
  /** Set when Prometheus answered with an error. */
  error?: string;
}

export interface ChaosEvent {
  action: string;
  target: string;
  /** ISO timestamps; end is absent for instantaneous actions. */
  start: string;
  end?: string;
  detail?: Record<string, unknown>;
}

export interface RunResults {
  schema: 1;
  runId: string;
  startedAt: string;
  endedAt: string;
  settings: RunSettings;
  summary: SummaryData;
  series: SeriesResult[];
  chaos: ChaosEvent[];
  /** The runner's exit code: 0 passed, 99 thresholds failed, other = error. */
  exitCode: number;
  traces?: TracesResults;
  cost?: CostResults;
  waterfall?: import('./waterfall/waterfall.ts').Waterfall;
  warmup?: import('./warmup/warmup.ts').WarmupSummary;
  knee?: import('./knee/knee.ts').Knee;
  /** The history checker's verdict (`history` scenario); a failed one fails the run. */
  history?: import('./history/history.ts').HistoryVerdict;
}
