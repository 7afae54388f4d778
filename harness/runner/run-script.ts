import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { realClock, type Clock } from './clock.ts';
import { parseDuration } from './duration.ts';
import { resolveScenarios, peakVus, type ScenarioConfig } from './executors/config.ts';
import type { ExecContext, IterVu } from './executors/context.ts';
import { segmentOfRun } from './executors/segment-of-run.ts';
import { runScenario } from './executors/run-scenario.ts';
import { ExitCode, RunError } from './exit-codes.ts';
import { stderrLogger, type LogFn } from './logger.ts';
import { MetricRegistry } from './metrics/registry.ts';
import type { Sample } from './metrics/types.ts';
import { stopSyncHttp } from './modules/http-sync.ts';
import { compileScript } from './script/bundle.ts';
import type { RunServices } from './script/vu-api.ts';
import { Vu } from './script/vu.ts';
import { BreakdownCollector } from './summary/breakdown.ts';
import { buildSummary, DEFAULT_TREND_STATS } from './summary/build-summary.ts';
import { GroupTree } from './summary/group-tree.ts';
import { produceSummaryOutput } from './summary/summary-output.ts';
import { ThresholdWatch } from './thresholds/watch.ts';
import type { RunOptions, RunOutcome } from './types.ts';
import { VuPool } from './vu-pool.ts';

/** Runs a k6 script with this runner's k6-compatible API. Never throws for script or config errors: see exitCode. */
export async function runScript(opts: RunOptions, clock: Clock = realClock): Promise<RunOutcome> {
  const startedAt = new Date();
  const registry = new MetricRegistry();
  const groups = new GroupTree();
  const samples: Sample[] | undefined = opts.keepSamples ? [] : undefined;
  if (opts.onSample) registry.onSample(opts.onSample);
  if (samples) registry.onSample((s) => samples.push(s));
  const breakdown = opts.summaryMode === 'full' ? new BreakdownCollector(registry) : undefined;
  const log: LogFn = opts.onLog ?? (opts.quiet ? () => {} : stderrLogger(startedAt.getTime()));

  const stop = new AbortController();
  let stopReason: { code: number; message: string } | undefined;
  const stopTest = (code: number, message: string) => {
    if (stopReason) return;
    stopReason = { code, message };
    log(code === ExitCode.externalAbort ? 'warn' : 'error', message, {});
    stop.abort();
  };

  let options: Record<string, unknown> = {};
  let activeVus = 0;
  let testStart = clock.now();
  let pool: VuPool | undefined;
  const services: RunServices = {
    registry,
    groups,
    clock,
    scriptPath: resolve(opts.scriptPath),
    env: { ...opts.env },
    globalTags: () => (options.tags as Record<string, string> | undefined) ?? {},
    log,
    abortTest: (reason) => stopTest(ExitCode.scriptAborted, `test aborted: ${reason}`),
    activeVus: () => activeVus,
    maxVus: () => pool?.size ?? 0,
    testStart: () => testStart,
    testOptions: () => options,
  };

  let vu0: Vu | undefined;
  let watch: ThresholdWatch | undefined;
  let scenarios: ScenarioConfig[] = [];
  try {
    const compiled = await compileScript(opts.scriptPath);
    vu0 = initVu(() => new Vu(0, compiled, services));
    options = cloneOptions(vu0.exports.options);
    if (opts.tags && Object.keys(opts.tags).length) options.tags = { ...(options.tags as Record<string, string> | undefined), ...opts.tags };
    watch = configStep(() => new ThresholdWatch(options.thresholds, registry));
    scenarios = configStep(() => resolveScenarios(options, opts.overrides ?? {}));
    const segment = configStep(() => segmentOfRun(opts, options));
    for (const s of scenarios) {
      if (segment.whole) continue;
      s.segment = segment;
      if (peakVus(s) === 0) log('warn', `scenario "${s.name}" gets no VUs in execution segment ${segment.label}: this instance runs none of it`, {});
    }
    for (const s of scenarios) {
      if (typeof vu0.exports[s.exec] !== 'function') {
        throw new RunError(`scenario "${s.name}": exec function "${s.exec}" is not exported by the script`, ExitCode.invalidConfig);
      }
    }
    pool = new VuPool(compiled, services);
    initVu(() => pool?.preallocate(scenarios.reduce((n, s) => n + peakVus(s), 0)));
  } catch (e) {
    return finishEarly(e);
  }

  const onExternalAbort = () => stopTest(ExitCode.externalAbort, 'test run aborted by signal');
  if (opts.signal?.aborted) onExternalAbort();
  opts.signal?.addEventListener('abort', onExternalAbort, { once: true });

  testStart = clock.now();
  let setupJson: string | undefined;
  let setupOk = true;
  if (!stop.signal.aborted) {
    try {
      const setupTimeout = parseDuration(options.setupTimeout ?? '60s', 'setupTimeout');
      const { value, timedOut } = await vu0.callLifecycle('setup', undefined, setupTimeout);
      if (timedOut) stopTest(ExitCode.setupTimeout, `setup() execution timed out after ${setupTimeout / 1000}s`);
      setupJson = value === undefined ? undefined : JSON.stringify(value);
    } catch (e) {
      setupOk = false;
      stopTest(ExitCode.scriptException, `setup() failed: ${errorText(e)}`);
    }
  }

  const ticker = startTicker();
  const ctx: ExecContext = {
    clock,
    acquire: () => (pool as VuPool).acquire(),
    release: (vu: IterVu) => (pool as VuPool).release(vu as Vu),
    setupJson,
    stop: stop.signal,
    activeDelta: (d) => (activeVus += d),
    onDropped: (s) => registry.add('dropped_iterations', 1, { ...services.globalTags(), ...s.tags }),
  };
  // The ticker samples vus every second; one early sample covers sub-second tests.
  const firstSample = setTimeout(sampleVus, 50);
  await Promise.all(scenarios.map((s) => runScenario(s, ctx, clock.now())));
  clearInterval(ticker);
  clearTimeout(firstSample);

  if (setupOk && !(stopReason && stopReason.code === ExitCode.setupTimeout)) {
    try {
      const teardownTimeout = parseDuration(options.teardownTimeout ?? '60s', 'teardownTimeout');
      const data = setupJson === undefined ? undefined : JSON.parse(setupJson);
      const { timedOut } = await vu0.callLifecycle('teardown', data, teardownTimeout);
      if (timedOut) stopTest(ExitCode.teardownTimeout, `teardown() execution timed out after ${teardownTimeout / 1000}s`);
    } catch (e) {
      stopTest(ExitCode.scriptException, `teardown() failed: ${errorText(e)}`);
    }
  }
  opts.signal?.removeEventListener('abort', onExternalAbort);
  return finish(vu0, watch, clock.now() - testStart);

  function startTicker(): NodeJS.Timeout {
    let lastEval = clock.now();
    return setInterval(() => {
      sampleVus();
      opts.onProgress?.({ elapsedMs: clock.now() - testStart, vus: activeVus, iterations: iterationsSoFar() });
      if (clock.now() - lastEval >= 2000) {
        lastEval = clock.now();
        const crossed = watch?.abortingFailures(clock.now() - testStart);
        if (crossed?.length) stopTest(ExitCode.thresholdsFailed, `thresholds on metrics ${crossed.join(', ')} were crossed; at least one has abortOnFail enabled, stopping test prematurely`);
      }
    }, 1000);
  }

  function sampleVus(): void {
    const tags = services.globalTags();
    registry.add('vus', activeVus, tags);
    registry.add('vus_max', pool?.size ?? 0, tags);
  }

  function iterationsSoFar(): number {
    return registry.get('iterations')?.sink.stat('count', 0) ?? 0;
  }

  async function finish(vu: Vu | undefined, w: ThresholdWatch | undefined, durationMs: number): Promise<RunOutcome> {
    pool?.interruptAll();
    vu?.interrupt();
    const results = w?.evaluate(durationMs) ?? [];
    const summary = buildSummary({
      registry,
      groups,
      thresholds: w?.list ?? [],
      results,
      summaryTrendStats: Array.isArray(options.summaryTrendStats) ? (options.summaryTrendStats as string[]) : undefined,
      summaryTimeUnit: typeof options.summaryTimeUnit === 'string' ? options.summaryTimeUnit : undefined,
      noColor: options.noColor === true,
      testRunDurationMs: durationMs,
      isStdOutTTY: !opts.quiet && Boolean(process.stdout.isTTY),
      isStdErrTTY: !opts.quiet && Boolean(process.stderr.isTTY),
    });
    const trendStats = summary.options.summaryTrendStats ?? DEFAULT_TREND_STATS;
    const output = await produceSummaryOutput(summary, vu, opts.outputDir ?? process.cwd(), log, {
      summaryMode: opts.summaryMode,
      breakdown: breakdown?.toBreakdown(trendStats, durationMs),
    });
    vu?.interrupt();
    await stopSyncHttp();
    if (!opts.quiet) {
      process.stdout.write(output.stdout);
      process.stderr.write(output.stderr);
    }
    if (opts.summaryExport) {
      const path = resolve(opts.summaryExport);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(summary, null, 2));
    }
    const thresholdsFailed = results.filter((r) => !r.ok).map((r) => `${r.key} '${r.source}'`);
    const exitCode = stopReason?.code ?? (thresholdsFailed.length ? ExitCode.thresholdsFailed : ExitCode.ok);
    // k6 logs this after the summary (the compact layout itself only marks them ✗).
    if (thresholdsFailed.length && !stopReason) log('error', `thresholds on metrics '${[...new Set(results.filter((r) => !r.ok).map((r) => r.key))].join(', ')}' have been crossed`, {});
    const outcome: RunOutcome = { summary, exitCode, thresholdsFailed, stdoutText: output.stdout, startedAt, endedAt: new Date() };
    if (stopReason) outcome.error = stopReason.message;
    if (samples) outcome.samples = samples;
    return outcome;
  }

  async function finishEarly(e: unknown): Promise<RunOutcome> {
    const code = e instanceof RunError ? e.exitCode : ExitCode.scriptException;
    const message = errorText(e);
    log('error', message, {});
    stopReason = { code, message };
    pool?.interruptAll();
    // No handleSummary here: the script never got to run.
    return finish(undefined, undefined, 0);
  }
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

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
