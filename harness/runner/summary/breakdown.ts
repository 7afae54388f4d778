import type { SummaryMetric } from '../../../reports/results.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import { createSink, type Sink } from '../metrics/sinks.ts';
import type { MetricDef, Sample } from '../metrics/types.ts';
import type { Breakdown } from './compact-summary.ts';
import { valuesOf } from './build-summary.ts';

type Sinks = Map<string, { def: MetricDef; sink: Sink }>;

/**
 * Aggregates every sample a second time by its `group` and `scenario` tags, for
 * `--summary-mode full`'s per-group and per-scenario sections. Only attached in
 * full mode, so the other modes pay nothing.
 */
export class BreakdownCollector {
  private readonly groups = new Map<string, Sinks>();
  private readonly scenarios = new Map<string, Sinks>();

  constructor(registry: MetricRegistry) {
    registry.onSample((s) => this.add(s));
  }

  private add(s: Sample): void {
    const def: MetricDef = { name: s.metric, type: s.type, contains: s.contains };
    if (s.tags.group) sinkOf(this.groups, s.tags.group, def).add(s.value);
    if (s.tags.scenario) sinkOf(this.scenarios, s.tags.scenario, def).add(s.value);
  }

  toBreakdown(trendStats: string[], durationMs: number): Breakdown {
    return {
      groups: summarize(this.groups, trendStats, durationMs),
      scenarios: summarize(this.scenarios, trendStats, durationMs),
    };
  }
}

function sinkOf(by: Map<string, Sinks>, key: string, def: MetricDef): Sink {
  let sinks = by.get(key);
  if (!sinks) by.set(key, (sinks = new Map()));
  let entry = sinks.get(def.name);
  if (!entry) sinks.set(def.name, (entry = { def, sink: createSink(def.type) }));
  return entry.sink;
}

function summarize(
  by: Map<string, Sinks>,
  trendStats: string[],
  durationMs: number,
): Record<string, Record<string, SummaryMetric>> {
  const out: Record<string, Record<string, SummaryMetric>> = {};
  for (const [key, sinks] of by) {
    out[key] = {};
    for (const [name, { def, sink }] of sinks)
      out[key][name] = {
        type: def.type,
        contains: def.contains,
        values: valuesOf(def, sink, trendStats, [], durationMs),
      };
  }
  return out;
}
