import { sharedIterationsShare } from './segment-of-run.ts';
import { iterateWhile, joinWithDeadline, type IterVu, type ScenarioRun } from './context.ts';

/** constant-vus: a fixed number of VUs loop for `duration`. */
export async function runConstantVus(run: ScenarioRun, vus: IterVu[]): Promise<void> {
  const { clock } = run.ctx;
  const end = clock.now() + run.cfg.durationMs;
  const workers = vus.map((vu) => iterateWhile(run, vu, () => clock.now() < end));
  await joinWithDeadline(run, workers, () => vus, end + run.cfg.gracefulStopMs);
}

/** per-vu-iterations: every VU runs exactly `iterations` (bounded by maxDuration). */
export async function runPerVuIterations(run: ScenarioRun, vus: IterVu[]): Promise<void> {
  const { clock } = run.ctx;
  const end = clock.now() + run.cfg.maxDurationMs;
  const workers = vus.map((vu) => {
    let started = 0;
    return iterateWhile(run, vu, () => clock.now() < end && started++ < run.cfg.iterations);
  });
  await joinWithDeadline(run, workers, () => vus, end + run.cfg.gracefulStopMs);
}

/** shared-iterations: VUs take iterations from one shared budget (bounded by maxDuration). */
export async function runSharedIterations(run: ScenarioRun, vus: IterVu[]): Promise<void> {
  const { clock } = run.ctx;
  const end = clock.now() + run.cfg.maxDurationMs;
  let taken = 0;
  const budget = sharedIterationsShare(run.cfg);
  const workers = vus.map((vu) => iterateWhile(run, vu, () => clock.now() < end && taken++ < budget));
  await joinWithDeadline(run, workers, () => vus, end + run.cfg.gracefulStopMs);
}
