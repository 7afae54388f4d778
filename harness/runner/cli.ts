#!/usr/bin/env node
// k6-like command line for the swaglab runner:
//   tsx harness/runner/cli.ts run script.ts --vus 2 --duration 5s -e KEY=VAL --summary-export out.json
import { Command, InvalidArgumentError } from 'commander';
import { findK6, runWithK6Binary } from './k6-binary.ts';
import { progressReporter } from './progress.ts';
import { RemoteWriteOutput, remoteWriteConfigFromEnv } from './outputs/prometheus-rw/index.ts';
import { runScript } from './run-script.ts';
import { SUMMARY_MODES, type SummaryMode } from './summary/text-summary.ts';
import type { RunScriptOptions } from './types.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

function summaryMode(value: string): SummaryMode {
  if (!(SUMMARY_MODES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${SUMMARY_MODES.join(', ')}, got "${value}"`);
  return value as SummaryMode;
}

function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

const program = new Command('swaglab-runner').description('k6-compatible script runner of SwagBoard Lab');

program
  .command('run')
  .argument('<script>', 'k6 script (.js or .ts)')
  .option('-u, --vus <n>', 'number of VUs (overrides the script)', positiveInt)
  .option('-d, --duration <duration>', 'test duration, e.g. 30s (replaces the script scenarios)')
  .option('-i, --iterations <n>', 'total iterations (replaces the script scenarios)', positiveInt)
  .option('-e, --env <KEY=VALUE>', 'environment variable for __ENV (repeatable)', collectEnv, {})
  .option('--summary-export <path>', 'write the summary data (handleSummary shape) as JSON')
  .option('--summary-mode <mode>', 'end-of-test summary: compact (default), full or legacy', summaryMode)
  .option('-q, --quiet', 'no progress output')
  .option('--k6', 'run with a real k6 binary from PATH instead of the built-in runner')
  .option(
    '-o, --out <output>',
    'experimental-prometheus-rw: stream metrics to K6_PROMETHEUS_RW_SERVER_URL (as k6 does)',
  )
  .option('--tag <NAME=VALUE>', 'tag added to every sample, e.g. instance=a (repeatable)', collectEnv, {})
  .option('--execution-segment <from:to>', "run only this share of the test, e.g. 1/3:2/3 (k6's execution segments)")
  .option('--execution-segment-sequence <bounds>', "every instance's segment, e.g. 0,1/3,2/3,1")
  .action(
    async (
      script: string,
      o: {
        vus?: number;
        duration?: string;
        iterations?: number;
        env: Record<string, string>;
        summaryExport?: string;
        summaryMode?: SummaryMode;
        quiet?: boolean;
        k6?: boolean;
        out?: string;
        tag: Record<string, string>;
        executionSegment?: string;
        executionSegmentSequence?: string;
      },
    ) => {
      if (o.out !== undefined && o.out !== 'experimental-prometheus-rw') {
        process.stderr.write(`invalid --out; expected experimental-prometheus-rw, got "${o.out}"\n`);
        process.exitCode = 1;
        return;
      }
      const remoteWrite =
        o.out && !o.k6
          ? new RemoteWriteOutput(remoteWriteConfigFromEnv(process.env), { log: (m) => process.stderr.write(`${m}\n`) })
          : undefined;
      remoteWrite?.start();
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      process.once('SIGTERM', onSigint);
      const progress = o.quiet ? undefined : progressReporter();
      const options: RunScriptOptions = {
        scriptPath: script,
        env: o.env,
        overrides: { vus: o.vus, duration: o.duration, iterations: o.iterations },
        signal: abort.signal,
        summaryExport: o.summaryExport,
        summaryMode: o.summaryMode,
        onProgress: progress?.onProgress,
        onSample: remoteWrite?.onSample,
        tags: o.tag,
        executionSegment: o.executionSegment,
        executionSegmentSequence: o.executionSegmentSequence,
      };
      if (o.k6 && !findK6()) {
        process.stderr.write('--k6 given but no k6 executable is on PATH\n');
        process.exitCode = 1;
        return;
      }
      const outcome = o.k6 ? await runWithK6Binary(options) : await runScript(options);
      await remoteWrite?.stop();
      progress?.done();
      process.removeListener('SIGINT', onSigint);
      process.removeListener('SIGTERM', onSigint);
      process.exitCode = outcome.exitCode;
    },
  );

await program.parseAsync(process.argv);
