import type { RunScriptOptions } from '../types.ts';
import type { ScenarioConfig } from './config.ts';
import { executionSegment, type ExecutionSegment } from './execution-segment.ts';

/** The run's segment: the CLI's flags win over the script's `executionSegment`/`executionSegmentSequence` options, as in k6. */
export function segmentOfRun(
  opts: Pick<RunScriptOptions, 'executionSegment' | 'executionSegmentSequence'>,
  options: Record<string, unknown>,
): ExecutionSegment {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return executionSegment(
    opts.executionSegment ?? text(options.executionSegment),
    opts.executionSegmentSequence ?? text(options.executionSegmentSequence),
  );
}

/**
 * `exec.scenario.iterationInTest` of this instance's `k`-th iteration: unique
 * across all instances, as k6 documents it. per-vu-iterations numbers each
 * VU's block of iterations after the VU's test-wide index, shared-iterations
 * follows sharedIterationsShare's dealing; the other executors deal iterations
 * like any other item.
 */
export function iterationInTest(
  cfg: Pick<ScenarioConfig, 'segment' | 'executor' | 'iterations' | 'vus'>,
  k: number,
): number {
  if (!cfg.segment) return k;
  const { segment } = cfg;
  if (cfg.executor === 'per-vu-iterations')
    return segment.globalIndex(Math.floor(k / cfg.iterations)) * cfg.iterations + (k % cfg.iterations);
  if (cfg.executor === 'shared-iterations') {
    // Iteration j belongs to VU j mod vus (see sharedIterationsShare): round m gives each own VU g the iteration g + vus·m.
    const own = segment.countIn(cfg.vus);
    const fullRounds = Math.floor(cfg.iterations / cfg.vus);
    if (k < own * fullRounds) return segment.globalIndex(k % own) + cfg.vus * Math.floor(k / own);
    return segment.globalIndex(k - own * fullRounds) + cfg.vus * fullRounds;
  }
  return segment.globalIndex(k);
}

/**
 * This instance's share of a shared-iterations budget. The budget is dealt
 * to the test's VUs round-robin (iteration j to VU j mod vus) and each
 * instance takes the iterations of its own VUs: the shares still add up to
 * the whole, and an instance that got no VU gets no iteration, which would
 * otherwise never run.
 */
export function sharedIterationsShare(cfg: Pick<ScenarioConfig, 'segment' | 'vus' | 'iterations'>): number {
  const { segment, vus, iterations } = cfg;
  if (!segment) return iterations;
  const base = Math.floor(iterations / vus);
  const extra = iterations % vus;
  let total = 0;
  for (let k = 0; k < segment.countIn(vus); k++) total += base + (segment.globalIndex(k) < extra ? 1 : 0);
  return total;
}
