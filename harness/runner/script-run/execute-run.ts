// Phase 2 of a script run: setup(), every scenario's executor, teardown(),
// with the once-a-second ticker (vus samples, progress, abortOnFail
// thresholds) running between them and an external abort stopping the test
// as Ctrl-C stops k6. Resolves to the test's duration in ms.
import { parseDuration } from '../../../reports/units/duration.ts';
import type { ExecContext, IterVu } from '../executors/context.ts';
import { runExecutor } from '../executors/run-executor.ts';
import { ExitCode } from '../exit-codes.ts';
import type { Vu } from '../script/vu.ts';
import type { ThresholdWatch } from '../thresholds/watch.ts';
import type { VuPool } from '../vu-pool.ts';
import type { PreparedRun } from './prepare-run.ts';
import { errorText, stopTest, type RunState } from './run-state.ts';

interface SetupOutcome {
  /** setup()'s return value as JSON, handed to every VU and to teardown(). */
  json: string | undefined;
  /** False when setup() threw: then teardown() does not run. */
  ok: boolean;
}

export async function executeRun(state: RunState, { vu0, watch, scenarios }: PreparedRun): Promise<number> {
  const { opts, clock } = state;
  const onExternalAbort = () => stopTest(state, ExitCode.externalAbort, 'test run aborted by signal');
  if (opts.signal?.aborted) onExternalAbort();
  opts.signal?.addEventListener('abort', onExternalAbort, { once: true });

  state.testStart = clock.now();
  const setup = state.stop.signal.aborted ? { json: undefined, ok: true } : await runSetup(state, vu0);

  const stopTicker = startTicker(state, watch);
  const pool = state.pool as VuPool;
  const ctx: ExecContext = {
    clock,
    acquire: () => pool.acquire(),
    release: (vu: IterVu) => pool.release(vu as Vu),
    setupJson: setup.json,
    stop: state.stop.signal,
    activeDelta: (d) => (state.activeVus += d),
    onDropped: (s) => state.registry.add('dropped_iterations', 1, { ...state.services.globalTags(), ...s.tags }),
  };
  await Promise.all(scenarios.map((s) => runExecutor(s, ctx, clock.now())));
  stopTicker();

  if (setup.ok && state.stopReason?.code !== ExitCode.setupTimeout) await runTeardown(state, vu0, setup.json);
  opts.signal?.removeEventListener('abort', onExternalAbort);
  return clock.now() - state.testStart;
}

async function runSetup(state: RunState, vu0: Vu): Promise<SetupOutcome> {
  try {
    const setupTimeout = parseDuration(state.options.setupTimeout ?? '60s', { bareUnit: 'ms', what: 'setupTimeout' });
    const { value, timedOut } = await vu0.callLifecycle('setup', undefined, setupTimeout);
    if (timedOut) stopTest(state, ExitCode.setupTimeout, `setup() execution timed out after ${setupTimeout / 1000}s`);
    return { json: value === undefined ? undefined : JSON.stringify(value), ok: true };
  } catch (e) {
    stopTest(state, ExitCode.scriptException, `setup() failed: ${errorText(e)}`);
    return { json: undefined, ok: false };
  }
}

async function runTeardown(state: RunState, vu0: Vu, setupJson: string | undefined): Promise<void> {
  try {
    const teardownTimeout = parseDuration(state.options.teardownTimeout ?? '60s', {
      bareUnit: 'ms',
      what: 'teardownTimeout',
    });
    const data = setupJson === undefined ? undefined : JSON.parse(setupJson);
    const { timedOut } = await vu0.callLifecycle('teardown', data, teardownTimeout);
    if (timedOut)
      stopTest(state, ExitCode.teardownTimeout, `teardown() execution timed out after ${teardownTimeout / 1000}s`);
  } catch (e) {
    stopTest(state, ExitCode.scriptException, `teardown() failed: ${errorText(e)}`);
  }
}

/** Every second: vus samples, progress, and abortOnFail thresholds every 2 s. Returns its stop. */
function startTicker(state: RunState, watch: ThresholdWatch): () => void {
  const { clock, opts } = state;
  let lastEval = clock.now();
  const stopTicker = clock.every(1000, () => {
    sampleVus(state);
    opts.onProgress?.({
      elapsedMs: clock.now() - state.testStart,
      vus: state.activeVus,
      iterations: iterationsSoFar(state),
    });
    if (clock.now() - lastEval >= 2000) {
      lastEval = clock.now();
      const crossed = watch.abortingFailures(clock.now() - state.testStart);
      if (crossed.length)
        stopTest(
          state,
          ExitCode.thresholdsFailed,
          `thresholds on metrics ${crossed.join(', ')} were crossed; at least one has abortOnFail enabled, stopping test prematurely`,
        );
    }
  });
  // The ticker samples vus every second; one early sample covers sub-second tests.
  const cancelFirstSample = clock.after(50, () => sampleVus(state));
  return () => {
    stopTicker();
    cancelFirstSample();
  };
}

function sampleVus(state: RunState): void {
  const tags = state.services.globalTags();
  state.registry.add('vus', state.activeVus, tags);
  state.registry.add('vus_max', state.pool?.size ?? 0, tags);
}

function iterationsSoFar(state: RunState): number {
  return state.registry.get('iterations')?.sink.stat('count', 0) ?? 0;
}
