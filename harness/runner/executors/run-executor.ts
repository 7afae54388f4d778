import type { ScenarioState } from '../script/vu-api.ts';
import { runArrivalRate } from './arrival-rate.ts';
import { peakVus, scheduledDurationMs, type ScenarioConfig } from './config.ts';
import { iterationInTest } from './segment-of-run.ts';
import type { ExecContext, IterVu, ScenarioRun } from './context.ts';
import { runConstantVus, runPerVuIterations, runSharedIterations } from './fixed-vus.ts';
import { runRampingVus } from './ramping-vus.ts';

/** Waits for the scenario's startTime, takes its VUs from the pool and runs its executor. */
export async function runExecutor(cfg: ScenarioConfig, ctx: ExecContext, testStart: number): Promise<void> {
  const { clock } = ctx;
  await clock.sleep(testStart + cfg.startTimeMs - clock.now(), ctx.stop);
  if (ctx.stop.aborted) return;
  const startedAt = clock.now();
  const scheduled = scheduledDurationMs(cfg);
  let iterationCounter = 0;
  const state: ScenarioState = {
    name: cfg.name,
    executor: cfg.executor,
    tags: { ...cfg.tags, scenario: cfg.name },
    env: cfg.env,
    startTime: startedAt,
    nextIterationInTest: () => iterationInTest(cfg, iterationCounter++),
    progress: () => (scheduled > 0 ? Math.min(1, (clock.now() - startedAt) / scheduled) : 0),
  };
  const vus: IterVu[] = [];
  for (let i = 0; i < peakVus(cfg); i++) {
    const vu = ctx.acquire();
    vu.assign(state);
    vus.push(vu);
  }
  const run: ScenarioRun = { cfg, state, ctx };
  try {
    switch (cfg.executor) {
      case 'constant-vus':
        return await runConstantVus(run, vus);
      case 'per-vu-iterations':
        return await runPerVuIterations(run, vus);
      case 'shared-iterations':
        return await runSharedIterations(run, vus);
      case 'ramping-vus':
        return await runRampingVus(run, vus);
      case 'constant-arrival-rate':
      case 'ramping-arrival-rate':
        return await runArrivalRate(run, vus);
    }
  } finally {
    for (const vu of vus) {
      vu.assign(undefined);
      ctx.release(vu);
    }
  }
}
