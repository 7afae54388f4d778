import type { MetricRegistry } from '../metrics/registry.ts';
import { bindThresholds, evaluateThresholds, type ThresholdResult } from './evaluate.ts';
import { parseThresholds, type MetricThresholds } from './parse.ts';

/** The run's thresholds: validated against the registry up front, evaluated periodically and at the end. */
export class ThresholdWatch {
  readonly list: MetricThresholds[];
  private readonly registry: MetricRegistry;

  constructor(raw: unknown, registry: MetricRegistry) {
    this.registry = registry;
    this.list = parseThresholds(raw);
    bindThresholds(this.list, registry);
  }

  evaluate(testDurationMs: number): ThresholdResult[] {
    return evaluateThresholds(this.list, this.registry, testDurationMs);
  }

  /** Crossed thresholds that have abortOnFail and whose delayAbortEval has passed. */
  abortingFailures(elapsedMs: number): string[] {
    const aborting = this.list
      .map((mt) => ({
        ...mt,
        thresholds: mt.thresholds.filter((t) => t.abortOnFail && elapsedMs >= t.delayAbortEvalMs),
      }))
      .filter((mt) => mt.thresholds.length);
    if (!aborting.length) return [];
    return evaluateThresholds(aborting, this.registry, elapsedMs)
      .filter((r) => !r.ok)
      .map((r) => `${r.key} '${r.source}'`);
  }
}
