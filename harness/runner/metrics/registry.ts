import { BUILTIN_METRICS } from './builtin.ts';
import { matchesFilter, parseMetricKey } from './metric-key.ts';
import { createSink, type Sink } from './sinks.ts';
import type { Contains, MetricDef, MetricType, Sample, Tags } from './types.ts';

export interface MetricEntry {
  def: MetricDef;
  sink: Sink;
  submetrics: Array<{ key: string; filter: Tags; sink: Sink }>;
}

const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

/** All metrics of one run: definitions, their sinks and tag-filtered submetrics. */
export class MetricRegistry {
  private readonly entries = new Map<string, MetricEntry>();
  private readonly listeners: Array<(s: Sample) => void> = [];

  constructor() {
    for (const def of BUILTIN_METRICS) this.define(def.name, def.type, def.contains);
  }

  /** Registers a metric; redefining with the same type is fine (every VU runs the init code). */
  define(name: string, type: MetricType, contains: Contains = 'default'): MetricDef {
    const existing = this.entries.get(name);
    if (existing) {
      if (existing.def.type !== type) {
        throw new Error(
          `metric "${name}" is already defined as a ${existing.def.type}; cannot redefine it as a ${type}`,
        );
      }
      return existing.def;
    }
    if (!NAME_RE.test(name)) {
      throw new Error(
        `invalid metric name "${name}"; use 1-128 letters, digits and underscores, not starting with a digit`,
      );
    }
    const def = { name, type, contains };
    this.entries.set(name, { def, sink: createSink(type), submetrics: [] });
    return def;
  }

  get(name: string): MetricEntry | undefined {
    return this.entries.get(name);
  }

  /** Ensures a submetric for a threshold key like `latency{path:cross}` exists; returns its sink. */
  submetric(key: string): Sink {
    const { metric, filter } = parseMetricKey(key);
    const entry = this.entries.get(metric);
    if (!entry) throw new Error(`no metric named "${metric}" (from "${key}")`);
    if (!filter) return entry.sink;
    const existing = entry.submetrics.find((s) => s.key === key);
    if (existing) return existing.sink;
    const sink = createSink(entry.def.type);
    entry.submetrics.push({ key, filter, sink });
    return sink;
  }

  onSample(listener: (s: Sample) => void): void {
    this.listeners.push(listener);
  }

  add(metric: string, value: number, tags: Tags, time = Date.now(), metadata?: Tags): void {
    const entry = this.entries.get(metric);
    if (!entry) throw new Error(`metric "${metric}" is not defined`);
    if (!Number.isFinite(value)) return;
    entry.sink.add(value);
    for (const sub of entry.submetrics) if (matchesFilter(tags, sub.filter)) sub.sink.add(value);
    if (this.listeners.length) {
      const sample: Sample = { metric, type: entry.def.type, contains: entry.def.contains, value, tags, time };
      if (metadata) sample.metadata = metadata;
      for (const l of this.listeners) l(sample);
    }
  }

  all(): MetricEntry[] {
    return [...this.entries.values()];
  }
}
