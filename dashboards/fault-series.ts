// The series the lab writes while a chaos fault is active, and the query the
// dashboards annotate with. The harness writes it (harness/run/fault-series-writer.ts);
// it lives here so that writer and reader share one name and one label set.

/** Gauge: 1 from a fault's start to its end, then 0. */
export const FAULT_ACTIVE_METRIC = 'swag_fault_active';

/** Labels of FAULT_ACTIVE_METRIC: fault = the plan's action (kill, latency, link-down…), target = what it hit, step = the plan step (keeps two equal faults apart), run_id when played during a run. */
export const FAULT_LABELS = ['fault', 'target', 'step', 'run_id'] as const;

/**
 * How long after its last sample a fault still counts. The writer sends one
 * sample per transition; Prometheus' own 5-minute lookback would end a longer
 * fault early, so the query looks back this far itself. A fault whose end was
 * never written (the harness killed) shows for this long, not forever.
 */
export const FAULT_LOOKBACK = '1h';

/** The regions where a fault was active; `runId` is a regex (`$run_id` on the dashboards). */
export function faultAnnotationExpr(runId?: string): string {
  const selector = runId === undefined ? '' : `{run_id=~"${runId}"}`;
  return `max by (fault, target, step, run_id) (last_over_time(${FAULT_ACTIVE_METRIC}${selector}[${FAULT_LOOKBACK}])) == 1`;
}
