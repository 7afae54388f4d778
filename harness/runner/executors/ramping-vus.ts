import type { Stage } from './config.ts';
import { shareOf } from './execution-segment.ts';
import { iterateWhile, joinWithDeadline, type IterVu, type ScenarioRun } from './context.ts';

const TICK_MS = 50;

/** Target VUs at `elapsedMs`, interpolating linearly within each stage. */
export function targetAt(start: number, stages: Stage[], elapsedMs: number): number {
  let from = start;
  let t = elapsedMs;
  for (const s of stages) {
    if (t < s.durationMs) return Math.round(from + ((s.target - from) * t) / Math.max(1, s.durationMs));
    t -= s.durationMs;
    from = s.target;
  }
  return from;
}

interface Slot {
  vu: IterVu;
  active: boolean;
  worker: Promise<void> | undefined;
  deactivatedAt: number;
}

/**
 * ramping-vus: the number of looping VUs follows the stages. A VU ramped down
 * finishes its current iteration, or is interrupted after gracefulRampDown.
 */
export async function runRampingVus(run: ScenarioRun, vus: IterVu[]): Promise<void> {
  const { clock, stop } = run.ctx;
  const { cfg } = run;
  const start = clock.now();
  const end = start + cfg.stages.reduce((a, s) => a + s.durationMs, 0);
  const slots: Slot[] = vus.map((vu) => ({ vu, active: false, worker: undefined, deactivatedAt: 0 }));
  const workers: Array<Promise<void>> = [];

  const launch = (slot: Slot) => {
    slot.active = true;
    if (slot.worker) return;
    const w = iterateWhile(run, slot.vu, () => slot.active && clock.now() < end).finally(() => {
      slot.worker = undefined;
    });
    slot.worker = w;
    workers.push(w);
  };

  while (!stop.aborted && clock.now() < end) {
    const now = clock.now();
    const target = Math.min(slots.length, shareOf(cfg.segment, targetAt(cfg.startVUs, cfg.stages, now - start)));
    slots.forEach((slot, i) => {
      if (i < target) launch(slot);
      else if (slot.active) {
        slot.active = false;
        slot.deactivatedAt = now;
      } else if (slot.worker && now - slot.deactivatedAt > cfg.gracefulRampDownMs) {
        slot.vu.interrupt();
      }
    });
    await clock.sleep(Math.min(TICK_MS, end - now), stop);
  }
  await joinWithDeadline(run, workers, () => slots.filter((s) => s.worker).map((s) => s.vu), end + cfg.gracefulStopMs);
}
