import type { SummaryData, SummaryMetric } from '../../../reports/results.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { Sink } from '../metrics/sinks.ts';
import type { MetricDef } from '../metrics/types.ts';
import type { MetricThresholds } from '../thresholds/parse.ts';
import type { ThresholdResult } from '../thresholds/evaluate.ts';
import type { GroupTree } from './group-tree.ts';

export const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

export interface BuildSummaryInput {
  registry: MetricRegistry;
  groups: GroupTree;
  thresholds: MetricThresholds[];
  results: ThresholdResult[];
  summaryTrendStats?: string[];
  summaryTimeUnit?: string;
  noColor?: boolean;
  testRunDurationMs: number;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
}

/** The handleSummary `data` object: metrics that saw samples or carry thresholds, plus submetrics. */
export function buildSummary(input: BuildSummaryInput): SummaryData {
  const trendStats = input.summaryTrendStats ?? DEFAULT_TREND_STATS;
  const metrics: Record<string, SummaryMetric> = {};
  const thresholdKeys = new Set(input.thresholds.map((t) => t.key));

  const emit = (key: string, def: MetricDef, sink: Sink) => {
    const referenced = input.thresholds.filter((t) => t.key === key).flatMap((t) => t.thresholds.map((x) => x.stat));
    const metric: SummaryMetric = {
      type: def.type,
      contains: def.contains,
      values: valuesOf(def, sink, trendStats, referenced, input.testRunDurationMs),
    };
    const results = input.results.filter((r) => r.key === key);
    if (results.length) metric.thresholds = Object.fromEntries(results.map((r) => [r.source, { ok: r.ok }]));
    metrics[key] = metric;
  };

  for (const entry of input.registry.all()) {
    if (entry.sink.count > 0 || thresholdKeys.has(entry.def.name)) emit(entry.def.name, entry.def, entry.sink);
    for (const sub of entry.submetrics) emit(sub.key, entry.def, sub.sink);
  }

  const options: SummaryData['options'] = { summaryTrendStats: trendStats, noColor: input.noColor ?? false };
  if (input.summaryTimeUnit) options.summaryTimeUnit = input.summaryTimeUnit;
  return {
    metrics,
    root_group: input.groups.toSummary(),
    options,
    state: {
      isStdOutTTY: input.isStdOutTTY,
      isStdErrTTY: input.isStdErrTTY,
      testRunDurationMs: input.testRunDurationMs,
    },
  };
}

export function valuesOf(
  def: MetricDef,
  sink: Sink,
  trendStats: string[],
  referenced: string[],
  durationMs: number,
): Record<string, number> {
  const names =
    def.type === 'trend'
      ? [...new Set([...trendStats, ...referenced])]
      : def.type === 'counter'
        ? ['count', 'rate']
        : def.type === 'rate'
          ? ['rate', 'passes', 'fails']
          : ['value', 'min', 'max'];
  const values: Record<string, number> = {};
  for (const n of names) {
    const v = sink.stat(n, durationMs);
    if (v !== undefined) values[n] = v;
  }
  return values;
}
