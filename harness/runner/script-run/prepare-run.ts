// Phase 1 of a script run: compile the script, run its init context once
// (VU 0, which later runs setup, teardown and handleSummary), resolve options
// into scenarios and thresholds, and initialise the VUs the scenarios need.
// Any problem throws a RunError carrying the exit code k6 would give.
import { peakVus, resolveScenarios, type ScenarioConfig } from '../executors/config.ts';
import { segmentOfRun } from '../executors/segment-of-run.ts';
import { ExitCode, RunError } from '../exit-codes.ts';
import { compileScript } from '../script/bundle.ts';
import { Vu } from '../script/vu.ts';
import { ThresholdWatch } from '../thresholds/watch.ts';
import { VuPool } from '../vu-pool.ts';
import { errorText, type RunState } from './run-state.ts';

export interface PreparedRun {
  vu0: Vu;
  watch: ThresholdWatch;
  scenarios: ScenarioConfig[];
}

export async function prepareRun(state: RunState): Promise<PreparedRun> {
  const { opts, log } = state;
  const compiled = await compileScript(opts.scriptPath);
  const vu0 = initVu(() => new Vu(0, compiled, state.services));
  state.options = cloneOptions(vu0.exports.options);
  if (opts.tags && Object.keys(opts.tags).length)
    state.options.tags = { ...(state.options.tags as Record<string, string> | undefined), ...opts.tags };
  const watch = configStep(() => new ThresholdWatch(state.options.thresholds, state.registry));
  const scenarios = configStep(() => resolveScenarios(state.options, opts.overrides ?? {}));
  const segment = configStep(() => segmentOfRun(opts, state.options));
  for (const s of scenarios) {
    if (segment.whole) continue;
    s.segment = segment;
    if (peakVus(s) === 0)
      log(
        'warn',
        `scenario "${s.name}" gets no VUs in execution segment ${segment.label}: this instance runs none of it`,
        {},
      );
  }
  for (const s of scenarios) {
    if (typeof vu0.exports[s.exec] !== 'function') {
      throw new RunError(
        `scenario "${s.name}": exec function "${s.exec}" is not exported by the script`,
        ExitCode.invalidConfig,
      );
    }
  }
  const pool = new VuPool(compiled, state.services);
  state.pool = pool;
  initVu(() => pool.preallocate(scenarios.reduce((n, s) => n + peakVus(s), 0)));
  return { vu0, watch, scenarios };
}

/** Records why the run could not start, as the stop reason that sets its exit code. */
export function recordStartFailure(state: RunState, e: unknown): undefined {
  const code = e instanceof RunError ? e.exitCode : ExitCode.scriptException;
  const message = errorText(e);
  state.log('error', message, {});
  state.stopReason = { code, message };
  state.pool?.interruptAll();
  return undefined;
}

function initVu<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw new RunError(`error in the init context: ${errorText(e)}`, ExitCode.scriptException);
  }
}

function configStep<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw new RunError(errorText(e), ExitCode.invalidConfig);
  }
}

/** Options live in the VU's realm; a JSON copy is plain data for this one. */
function cloneOptions(raw: unknown): Record<string, unknown> {
  if (raw === undefined) return {};
  return JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
}
