import { parseDuration } from '../../reports/units/duration.ts';

/** The idle baseline never runs longer than this by default. */
export const DEFAULT_BASELINE_MAX_SECONDS = 15;

/**
 * Seconds of idle lab to measure before the scenario. Measuring idle "for as
 * long" as the run would double every run; idle cost is a steady rate
 * (1 s scrapes, health checks, timers), so a shorter window scaled to the
 * run's length estimates it well: min(planned run, 15 s) holds 15 scrape
 * cycles and adds at most 15 s to a run. An explicit `baselineSeconds` wins;
 * 0 turns the baseline off (costs are then gross).
 */
export function baselineSeconds(spec: {
  baselineSeconds?: number;
  duration?: string;
  env: Record<string, string>;
}): number {
  if (spec.baselineSeconds !== undefined) return spec.baselineSeconds;
  const planned = plannedSeconds(spec.duration ?? spec.env.DURATION);
  return planned === undefined ? DEFAULT_BASELINE_MAX_SECONDS : Math.min(planned, DEFAULT_BASELINE_MAX_SECONDS);
}

function plannedSeconds(duration: string | undefined): number | undefined {
  if (duration === undefined) return undefined;
  try {
    return parseDuration(duration, { bareUnit: 'ms' }) / 1000;
  } catch {
    return undefined;
  }
}

/** `--baseline 10s`, `--baseline off`. */
export function parseBaselineFlag(value: string): number {
  if (value === 'off' || value === '0') return 0;
  return parseDuration(value, { bareUnit: 'ms', what: 'baseline' }) / 1000;
}
