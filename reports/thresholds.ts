// Flattens the thresholds recorded on each summary metric into one list of
// outcomes, and pairs each with the statistic it tested so a reader can see
// *how far* it missed, not only that it did.
import type { RunResults, SummaryMetric } from './results.ts';

export interface ThresholdOutcome {
  metric: string;
  expression: string;
  ok: boolean;
  /** The statistic the expression tests (e.g. `p(95)`), when it could be parsed. */
  statistic?: string;
  /** The observed value of that statistic, when the summary has it. */
  observed?: number;
  /** The metric's whole value record, for when the statistic is unknown. */
  values: Record<string, number>;
  contains: SummaryMetric['contains'];
}

// k6 threshold expressions are `<aggregation> <operator> <number>`, where the
// aggregation is a name like `avg`/`rate`/`count` or a percentile `p(99.9)`.
const EXPRESSION = /^\s*([a-z]+(?:\(\s*[\d.]+\s*\))?)\s*(?:<=|>=|==|!=|===|<|>)\s*-?[\d.e+]+\s*$/i;

export function thresholdStatistic(expression: string): string | undefined {
  const match = EXPRESSION.exec(expression);
  return match?.[1]?.replace(/\s+/g, '');
}

function observedValue(values: Record<string, number>, statistic: string | undefined): number | undefined {
  if (statistic === undefined) return undefined;
  if (statistic in values) return values[statistic];
  // `p(95.0)` in an expression and `p(95)` in the summary name the same thing.
  const percentile = /^p\(([\d.]+)\)$/.exec(statistic);
  if (percentile?.[1] !== undefined) {
    const key = `p(${Number(percentile[1])})`;
    if (key in values) return values[key];
  }
  return undefined;
}

export function thresholdOutcomes(results: RunResults): ThresholdOutcome[] {
  const outcomes: ThresholdOutcome[] = [];
  for (const [metric, summary] of Object.entries(results.summary.metrics)) {
    for (const [expression, { ok }] of Object.entries(summary.thresholds ?? {})) {
      const statistic = thresholdStatistic(expression);
      const observed = observedValue(summary.values, statistic);
      outcomes.push({
        metric,
        expression,
        ok,
        ...(statistic !== undefined ? { statistic } : {}),
        ...(observed !== undefined ? { observed } : {}),
        values: summary.values,
        contains: summary.contains,
      });
    }
  }
  return outcomes.sort((a, b) => Number(a.ok) - Number(b.ok) || a.metric.localeCompare(b.metric));
}

/** The run's verdict: every threshold held and the runner finished normally. */
export interface Verdict {
  passed: boolean;
  failedThresholds: number;
  totalThresholds: number;
  /** Why the run failed other than thresholds (a runner error), if it did. */
  runnerError?: string;
  /** The history checker's failure, when it checked and failed. */
  historyError?: string;
}

export function runVerdict(results: RunResults): Verdict {
  const outcomes = thresholdOutcomes(results);
  const failedThresholds = outcomes.filter((o) => !o.ok).length;
  // 99 is the runner's "thresholds failed" code; anything else non-zero means
  // the run itself broke, which must fail the verdict even if thresholds held.
  const runnerError =
    results.exitCode !== 0 && results.exitCode !== 99 ? `runner exited with code ${results.exitCode}` : undefined;
  const history = results.history;
  const historyError =
    history && !history.passed
      ? (history.error ?? `history checker found ${history.violationCount} violation(s)`)
      : undefined;
  return {
    passed: failedThresholds === 0 && runnerError === undefined && results.exitCode === 0 && historyError === undefined,
    failedThresholds,
    totalThresholds: outcomes.length,
    ...(runnerError !== undefined ? { runnerError } : {}),
    ...(historyError !== undefined ? { historyError } : {}),
  };
}
