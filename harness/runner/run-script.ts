// runScript in three phases sharing one RunState (script-run/): prepare
// (compile, init context, options, VUs), execute (setup, scenarios,
// teardown), finish (summary, outputs, exit code).
import { systemClock, type Clock } from '../clock.ts';
import { executeRun } from './script-run/execute-run.ts';
import { finishRun } from './script-run/finish-run.ts';
import { prepareRun, recordStartFailure } from './script-run/prepare-run.ts';
import { createRunState } from './script-run/run-state.ts';
import type { RunOutcome, RunScriptOptions } from './types.ts';

/** Runs a k6 script with this runner's k6-compatible API. Never throws for script or config errors: see exitCode. */
export async function runScript(opts: RunScriptOptions, clock: Clock = systemClock): Promise<RunOutcome> {
  const state = createRunState(opts, clock);
  const prepared = await prepareRun(state).catch((e: unknown) => recordStartFailure(state, e));
  if (!prepared) return finishRun(state, { durationMs: 0 });
  const durationMs = await executeRun(state, prepared);
  return finishRun(state, { vu0: prepared.vu0, watch: prepared.watch, durationMs });
}
