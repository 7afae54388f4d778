// Warm-up vs steady state (issue 8 §6). A run's first seconds are dominated by
// JIT, first connections and first Postgres plans, so short runs read as if
// they were slow. Each latency sample is tagged `phase: warmup|steady` by when
// it fell, counted from the test's start (k6/execution, the same on k6 and on
// the swaglab runner), so thresholds can name `{phase:steady}` and the report
// can set steady-state figures beside whole-run ones.
import exec from 'k6/execution';
import { Gauge } from 'k6/metrics';
import { envNumber } from './env.ts';

export type Phase = 'warmup' | 'steady';

/** The window the script used, so the harness and the report need not guess it. */
const warmupGauge = new Gauge('swag_warmup_seconds');

/**
 * WARMUP_S when given; else a fifth of the run, at least 5 s (connections and
 * JIT settle in a few seconds here) and at most 60 s (long runs need no more).
 */
export function warmupSeconds(totalSeconds: number): number {
  const given = envNumber('WARMUP_S', Number.NaN);
  if (Number.isFinite(given)) return Math.max(0, given);
  return Math.min(60, Math.max(5, Math.round(totalSeconds * 0.2)));
}

export interface PhaseClock {
  readonly seconds: number;
  /** The phase now; call it where the sample is taken (VU code, not init). */
  now(): Phase;
  /** `{ phase }`, to spread into a sample's tags. */
  tags(): { phase: Phase };
}

export function phaseClock(totalSeconds: number): PhaseClock {
  const seconds = warmupSeconds(totalSeconds);
  let announced = false; // once per VU: metrics cannot be added in the init context
  const now = (): Phase => {
    if (!announced) {
      announced = true;
      warmupGauge.add(seconds);
    }
    return exec.instance.currentTestRunDuration < seconds * 1000 ? 'warmup' : 'steady';
  };
  return { seconds, now, tags: () => ({ phase: now() }) };
}
