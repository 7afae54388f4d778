// One summary for a run split across instances, as if one process had run it:
// counters and checks add up, rates are pooled, trends are recomputed from
// every instance's values (so percentiles are exact), vus/vus_max add up.
// A threshold holds only if it held on every instance: each instance judged
// its own share, as k6 instances do under k6-operator.
import type { SummaryData, SummaryGroup, SummaryMetric } from '../../../reports/results.ts';
import { TrendSink } from '../../runner/metrics/sinks.ts';
import type { TrendValues } from './trend-recorder.ts';

export interface InstanceSummary {
  summary: SummaryData;
  trendValues: TrendValues;
}

/** Gauges that count VUs: the test's value is the instances' sum. */
const ADDITIVE_GAUGES = new Set(['vus', 'vus_max']);

export function mergeSummaries(instances: readonly InstanceSummary[]): SummaryData {
  if (instances.length === 0) throw new Error('mergeSummaries: no instance summaries');
  const first = instances[0]!.summary;
  const durationMs = Math.max(...instances.map((i) => i.summary.state.testRunDurationMs));
  const keys = [...new Set(instances.flatMap((i) => Object.keys(i.summary.metrics)))];
  const metrics: Record<string, SummaryMetric> = {};
  for (const key of keys) {
    const parts = instances
      .map((i) => ({ metric: i.summary.metrics[key], values: i.trendValues[key] }))
      .filter((p) => p.metric !== undefined);
    const { type, contains } = parts[0]!.metric!;
    const merged: SummaryMetric = { type, contains, values: mergeValues(key, type, parts, durationMs) };
    const thresholds = mergeThresholds(parts.map((p) => p.metric!));
    if (thresholds) merged.thresholds = thresholds;
    metrics[key] = merged;
  }
  return {
    metrics,
    root_group: mergeGroups(instances.map((i) => i.summary.root_group)),
    options: first.options,
    state: { ...first.state, testRunDurationMs: durationMs },
  };
}

function mergeValues(
  key: string,
  type: SummaryMetric['type'],
  parts: Array<{ metric?: SummaryMetric; values?: number[] }>,
  durationMs: number,
): Record<string, number> {
  const all = parts.map((p) => p.metric!.values);
  const sum = (name: string) => all.reduce((a, v) => a + (v[name] ?? 0), 0);
  const stats = [...new Set(all.flatMap((v) => Object.keys(v)))];
  switch (type) {
    case 'counter':
      return { count: sum('count'), rate: durationMs > 0 ? sum('count') / (durationMs / 1000) : 0 };
    case 'rate': {
      const passes = sum('passes');
      const fails = sum('fails');
      return { rate: passes + fails > 0 ? passes / (passes + fails) : 0, passes, fails };
    }
    case 'gauge':
      if (ADDITIVE_GAUGES.has(key.split('{')[0]!)) return { value: sum('value'), min: sum('min'), max: sum('max') };
      return {
        value: Math.max(...all.map((v) => v.value ?? -Infinity)),
        min: Math.min(...all.map((v) => v.min ?? Infinity)),
        max: Math.max(...all.map((v) => v.max ?? -Infinity)),
      };
    case 'trend': {
      const sink = new TrendSink();
      for (const p of parts) for (const v of p.values ?? []) sink.add(v);
      return Object.fromEntries(stats.map((stat) => [stat, sink.stat(stat) ?? 0]));
    }
  }
}

function mergeThresholds(metrics: SummaryMetric[]): SummaryMetric['thresholds'] {
  const sources = [...new Set(metrics.flatMap((m) => Object.keys(m.thresholds ?? {})))];
  if (!sources.length) return undefined;
  return Object.fromEntries(
    sources.map((source) => [source, { ok: metrics.every((m) => m.thresholds?.[source]?.ok !== false) }]),
  );
}

/** Groups and checks matched by path; passes and fails add up. */
function mergeGroups(groups: SummaryGroup[]): SummaryGroup {
  const base = groups[0]!;
  const checks = new Map<string, SummaryGroup['checks'][number]>();
  for (const g of groups) {
    for (const c of g.checks) {
      const seen = checks.get(c.path);
      if (seen) {
        seen.passes += c.passes;
        seen.fails += c.fails;
      } else checks.set(c.path, { ...c });
    }
  }
  const childPaths = [...new Set(groups.flatMap((g) => g.groups.map((c) => c.path)))];
  return {
    ...base,
    checks: [...checks.values()],
    groups: childPaths.map((path) => mergeGroups(groups.flatMap((g) => g.groups.filter((c) => c.path === path)))),
  };
}
