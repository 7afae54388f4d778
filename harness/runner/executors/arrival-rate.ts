import type { Stage } from './config.ts';
import { shareOf } from './execution-segment.ts';
import { joinWithDeadline, type IterVu, type ScenarioRun } from './context.ts';

const TICK_MS = 10;

/** Iterations that should have started by `elapsedMs` (integral of a piecewise-linear rate). */
export function expectedStarts(startRate: number, stages: Stage[], timeUnitMs: number, elapsedMs: number): number {
  let total = 0;
  let from = startRate;
  let t = elapsedMs;
  for (const s of stages) {
    const span = Math.min(t, s.durationMs);
    const rateAtSpanEnd = from + ((s.target - from) * span) / Math.max(1, s.durationMs);
    total += ((from + rateAtSpanEnd) / 2) * (span / timeUnitMs);
    if (t <= s.durationMs) return total;
    t -= s.durationMs;
    from = s.target;
  }
  return total;
}

/**
 * Iterations due by `elapsedMs`. Iteration i starts when the integral reaches i,
 * so with a non-zero starting rate the first one starts at t=0, as in k6; a ramp
 * from 0 starts its first when the integral reaches 1.
 */
export function dueStarts(startRate: number, stages: Stage[], timeUnitMs: number, elapsedMs: number): number {
  const whole = Math.floor(expectedStarts(startRate, stages, timeUnitMs, elapsedMs) + 1e-9);
  return startRate > 0 ? whole + 1 : whole;
}

/** Every start the scenario schedules: those strictly before its end (one exactly at the end belongs to no one). */
export function totalStarts(startRate: number, stages: Stage[], timeUnitMs: number): number {
  const durationMs = stages.reduce((sum, st) => sum + st.durationMs, 0);
  const before = Math.ceil(expectedStarts(startRate, stages, timeUnitMs, durationMs) - 1e-9);
  return startRate > 0 ? before : Math.max(0, before - 1);
}

/**
 * constant-arrival-rate and ramping-arrival-rate: iterations start on a
 * schedule regardless of how long they take. Each start needs an idle VU;
 * more are initialized up to maxVUs, beyond that the start is dropped
 * (dropped_iterations), as in k6.
 */
export async function runArrivalRate(run: ScenarioRun, preallocated: IterVu[]): Promise<void> {
  const ctx = run.ctx;
  const { clock, stop } = ctx;
  const { cfg } = run;
  const start = clock.now();
  const end = start + cfg.stages.reduce((a, s) => a + s.durationMs, 0);
  const idle = [...preallocated];
  const all = [...preallocated];
  const busy = new Set<IterVu>();
  const workers: Array<Promise<void>> = [];
  let started = 0;

  // The schedule's last starts come due between the scheduler's last tick and the end: the pass after the end
  // starts them, so the count is the schedule's whatever the ticks (a whole and its segments add up exactly).
  const total = shareOf(cfg.segment, totalStarts(cfg.startRate, cfg.stages, cfg.timeUnitMs));
  for (let ended = false; !stop.aborted && !ended;) {
    ended = clock.now() >= end;
    const due = ended
      ? total
      : Math.min(
          total,
          shareOf(cfg.segment, dueStarts(cfg.startRate, cfg.stages, cfg.timeUnitMs, clock.now() - start)),
        );
    for (; started < due; started++) {
      let vu = idle.pop();
      if (!vu && all.length < shareOf(cfg.segment, cfg.maxVUs)) {
        vu = ctx.acquire();
        vu.assign(run.state);
        all.push(vu);
      }
      if (!vu) {
        ctx.onDropped(run.state);
        continue;
      }
      const v = vu;
      busy.add(v);
      ctx.activeDelta(1);
      workers.push(
        v.iterate(cfg.exec, ctx.setupJson).then(
          () => release(v),
          () => release(v),
        ),
      );
    }
    if (!ended) await clock.sleep(Math.max(1, Math.min(TICK_MS, end - clock.now())), stop);
  }
  await joinWithDeadline(run, workers, () => [...busy], end + cfg.gracefulStopMs);
  for (const vu of all.slice(preallocated.length)) {
    vu.assign(undefined);
    ctx.release(vu);
  }

  function release(vu: IterVu): void {
    busy.delete(vu);
    ctx.activeDelta(-1);
    idle.push(vu);
  }
}
