// What the phases of one script run (prepare, execute, finish) share: the
// metric registry and group tree every VU writes to, the resolved options,
// the VU pool, the live counters the k6 API reads, and why the test stopped.
// One object passed to each phase, so what a phase reads or changes is named.
import { resolve } from 'node:path';
import type { Clock } from '../../clock.ts';
import { ExitCode } from '../exit-codes.ts';
import { stderrLogger, type LogFn } from '../logger.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import type { Sample } from '../metrics/types.ts';
import type { RunServices } from '../script/vu-api.ts';
import { BreakdownCollector } from '../summary/breakdown.ts';
import { GroupTree } from '../summary/group-tree.ts';
import type { RunScriptOptions } from '../types.ts';
import type { VuPool } from '../vu-pool.ts';

export interface StopReason {
  code: number;
  message: string;
}

export interface RunState {
  readonly opts: RunScriptOptions;
  readonly clock: Clock;
  readonly startedAt: Date;
  readonly registry: MetricRegistry;
  readonly groups: GroupTree;
  readonly log: LogFn;
  /** Every sample, when opts.keepSamples. */
  readonly samples: Sample[] | undefined;
  /** Per-group and per-tag breakdown for --summary-mode full. */
  readonly breakdown: BreakdownCollector | undefined;
  /** Aborted once the test must stop; executors interrupt their VUs on it. */
  readonly stop: AbortController;
  /** The first reason the test stopped early; it decides the exit code. */
  stopReason: StopReason | undefined;
  /** The script's options (a plain copy), once its init context ran. */
  options: Record<string, unknown>;
  /** VUs running an iteration right now (the `vus` metric). */
  activeVus: number;
  /** When setup() starts: the zero of elapsed test time. */
  testStart: number;
  pool: VuPool | undefined;
  /** What the VUs' k6 modules see of this run. */
  readonly services: RunServices;
}

export function createRunState(opts: RunScriptOptions, clock: Clock): RunState {
  const startedAt = new Date();
  const registry = new MetricRegistry();
  const samples: Sample[] | undefined = opts.keepSamples ? [] : undefined;
  if (opts.onSample) registry.onSample(opts.onSample);
  if (samples) registry.onSample((s) => samples.push(s));
  const groups = new GroupTree();
  const log: LogFn = opts.onLog ?? (opts.quiet ? () => {} : stderrLogger(startedAt.getTime()));
  const state: RunState = {
    opts,
    clock,
    startedAt,
    registry,
    groups,
    log,
    samples,
    breakdown: opts.summaryMode === 'full' ? new BreakdownCollector(registry) : undefined,
    stop: new AbortController(),
    stopReason: undefined,
    options: {},
    activeVus: 0,
    testStart: clock.now(),
    pool: undefined,
    // Read through `state` when called: options, pool and counters change as the run goes.
    services: {
      registry,
      groups,
      clock,
      scriptPath: resolve(opts.scriptPath),
      env: { ...opts.env },
      globalTags: () => (state.options.tags as Record<string, string> | undefined) ?? {},
      log,
      abortTest: (reason) => stopTest(state, ExitCode.scriptAborted, `test aborted: ${reason}`),
      activeVus: () => state.activeVus,
      maxVus: () => state.pool?.size ?? 0,
      testStart: () => state.testStart,
      testOptions: () => state.options,
    },
  };
  return state;
}

/** Stops the test for the first reason given; later reasons are ignored, as in k6. */
export function stopTest(state: RunState, code: number, message: string): void {
  if (state.stopReason) return;
  state.stopReason = { code, message };
  state.log(code === ExitCode.externalAbort ? 'warn' : 'error', message, {});
  state.stop.abort();
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
