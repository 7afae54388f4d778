import type { MetricRegistry } from '../metrics/registry.ts';
import { isStatValid, type Sink } from '../metrics/sinks.ts';
import type { MetricThresholds, Operator, Threshold } from './parse.ts';

export interface ThresholdResult {
  key: string;
  source: string;
  ok: boolean;
  /** The aggregate the expression compared, for reporting. */
  actual: number;
  threshold: Threshold;
}

/** Checks every threshold names a defined metric and a stat its type has; creates submetric sinks. */
export function bindThresholds(list: MetricThresholds[], registry: MetricRegistry): void {
  for (const mt of list) {
    const entry = registry.get(mt.metric);
    if (!entry) throw new Error(`invalid threshold for "${mt.key}": no metric named "${mt.metric}" is defined`);
    for (const t of mt.thresholds) {
      if (!isStatValid(entry.def.type, t.stat)) {
        throw new Error(
          `invalid threshold "${t.source}" for metric "${mt.key}": "${t.stat}" does not apply to a ${entry.def.type} metric; expected e.g. ${EXAMPLES[entry.def.type]}`,
        );
      }
    }
    registry.submetric(mt.key);
  }
}

const EXAMPLES = {
  trend: '"p(95)<200", "avg<100", "med<50", "min>0", "max<1000"',
  counter: '"count>10", "rate>5"',
  rate: '"rate<0.01"',
  gauge: '"value<100"',
};

export function compare(actual: number, op: Operator, expected: number): boolean {
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
    case '===':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/**
 * Evaluates all thresholds. As in k6 since v0.38, a metric without any sample
 * is judged on its empty aggregates (every stat 0), so `count>0` on a counter
 * that never moved fails, and `rate<0.01` on an unused rate holds.
 */
export function evaluateThresholds(
  list: MetricThresholds[],
  registry: MetricRegistry,
  testDurationMs: number,
): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const mt of list) {
    const sink: Sink = registry.submetric(mt.key);
    for (const t of mt.thresholds) {
      const actual = sink.stat(t.stat, testDurationMs) ?? Number.NaN;
      const ok = compare(actual, t.op, t.value);
      results.push({ key: mt.key, source: t.source, ok, actual, threshold: t });
    }
  }
  return results;
}
