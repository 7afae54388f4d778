// Phase 3 of a script run: interrupt what still runs, evaluate thresholds,
// build the summary, produce handleSummary's (or the default) output, and
// turn the stop reason and failed thresholds into k6's exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ExitCode } from '../exit-codes.ts';
import { stopSyncHttp } from '../modules/http-sync.ts';
import type { Vu } from '../script/vu.ts';
import { buildSummary, DEFAULT_TREND_STATS } from '../summary/build-summary.ts';
import { produceSummaryOutput } from '../summary/summary-output.ts';
import type { ThresholdWatch } from '../thresholds/watch.ts';
import type { RunOutcome } from '../types.ts';
import type { RunState } from './run-state.ts';

/** What the test got to: nothing (it never started; no handleSummary then), or VU 0 and its thresholds. */
export interface FinishInput {
  vu0?: Vu;
  watch?: ThresholdWatch;
  durationMs: number;
}

export async function finishRun(state: RunState, { vu0, watch, durationMs }: FinishInput): Promise<RunOutcome> {
  const { opts, options, log } = state;
  state.pool?.interruptAll();
  vu0?.interrupt();
  const results = watch?.evaluate(durationMs) ?? [];
  const summary = buildSummary({
    registry: state.registry,
    groups: state.groups,
    thresholds: watch?.list ?? [],
    results,
    summaryTrendStats: Array.isArray(options.summaryTrendStats) ? (options.summaryTrendStats as string[]) : undefined,
    summaryTimeUnit: typeof options.summaryTimeUnit === 'string' ? options.summaryTimeUnit : undefined,
    noColor: options.noColor === true,
    testRunDurationMs: durationMs,
    isStdOutTTY: !opts.quiet && Boolean(process.stdout.isTTY),
    isStdErrTTY: !opts.quiet && Boolean(process.stderr.isTTY),
  });
  const trendStats = summary.options.summaryTrendStats ?? DEFAULT_TREND_STATS;
  const output = await produceSummaryOutput(summary, vu0, opts.outputDir ?? process.cwd(), log, {
    summaryMode: opts.summaryMode,
    breakdown: state.breakdown?.toBreakdown(trendStats, durationMs),
  });
  vu0?.interrupt();
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
  // Read only now: handleSummary may still have stopped the test.
  const { stopReason } = state;
  const failed = results.filter((r) => !r.ok);
  const thresholdsFailed = failed.map((r) => `${r.key} '${r.source}'`);
  const exitCode = stopReason?.code ?? (thresholdsFailed.length ? ExitCode.thresholdsFailed : ExitCode.ok);
  // k6 logs this after the summary (the compact layout itself only marks them ✗).
  if (thresholdsFailed.length && !stopReason)
    log('error', `thresholds on metrics '${[...new Set(failed.map((r) => r.key))].join(', ')}' have been crossed`, {});
  const outcome: RunOutcome = {
    summary,
    exitCode,
    thresholdsFailed,
    stdoutText: output.stdout,
    startedAt: state.startedAt,
    endedAt: new Date(),
  };
  if (stopReason) outcome.error = stopReason.message;
  if (state.samples) outcome.samples = state.samples;
  return outcome;
}
