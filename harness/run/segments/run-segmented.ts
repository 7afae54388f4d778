// A test split across `instances` runner processes with k6's execution
// segments, the way k6-operator splits it across pods with `parallelism`:
// instance i of N runs segment i/N:(i+1)/N of the sequence 0,1/N,…,1, streams
// to the lab's Prometheus with an `instance` label, and the parent merges the
// instances' summaries into the run's one.
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SummaryData } from '../../../reports/results.ts';
import type { Overrides } from '../../runner/executors/config.ts';
import type { InstanceResult, SegmentChildConfig } from './instance-result.ts';
import { mergeSummaries } from './merge-summaries.ts';

export interface SegmentedRunInput {
  scriptPath: string;
  env: Record<string, string>;
  overrides?: Overrides;
  instances: number;
  runId: string;
  /** K6_PROMETHEUS_RW_* for every instance, the server URL included. */
  remoteWriteEnv: Record<string, string>;
  dir: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface SegmentedRunOutcome {
  summary: SummaryData;
  exitCode: number;
  instances: InstanceResult[];
}

/** k6-operator's split for `parallelism` n: runner i gets i/n:(i+1)/n of 0,1/n,…,1. */
export function evenSegments(n: number): { sequence: string; segments: string[] } {
  const bound = (i: number) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);
  return {
    sequence: Array.from({ length: n + 1 }, (_, i) => bound(i)).join(','),
    segments: Array.from({ length: n }, (_, i) => `${bound(i)}:${bound(i + 1)}`),
  };
}

export async function runSegmented(input: SegmentedRunInput): Promise<SegmentedRunOutcome> {
  const { sequence, segments } = evenSegments(input.instances);
  const log = input.log ?? (() => {});
  const results = await Promise.all(
    segments.map(async (segment, i) => {
      const instance = String(i + 1);
      const outputDir = join(input.dir, `instance-${instance}`);
      await mkdir(outputDir, { recursive: true });
      const config: SegmentChildConfig = {
        scriptPath: input.scriptPath,
        env: input.env,
        overrides: input.overrides ?? {},
        segment,
        sequence,
        instance,
        remoteWriteEnv: input.remoteWriteEnv,
        runId: input.runId,
        outputDir,
        resultPath: join(outputDir, 'instance-result.json'),
      };
      log(`instance ${instance}: execution segment ${segment} of ${sequence}`);
      const code = await runChild(config, input.signal, (line) => log(`instance ${instance}: ${line}`));
      try {
        return JSON.parse(await readFile(config.resultPath, 'utf8')) as InstanceResult;
      } catch {
        throw new Error(`instance ${instance} (segment ${segment}) ended with code ${code} and wrote no result`);
      }
    }),
  );
  const summary = mergeSummaries(results);
  const failedThresholds = Object.values(summary.metrics).some((m) =>
    Object.values(m.thresholds ?? {}).some((t) => !t.ok),
  );
  const exitCode = results.find((r) => r.exitCode !== 0)?.exitCode ?? (failedThresholds ? 99 : 0);
  return { summary, exitCode, instances: results };
}

function runChild(
  config: SegmentChildConfig,
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<number | null> {
  // tsx resolved from here, not from the caller's working directory.
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'segment-child.ts'), JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log);
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  // Like Ctrl-C on every pod: each instance stops, runs teardown and writes its summary.
  const interrupt = () => child.kill('SIGINT');
  signal?.addEventListener('abort', interrupt, { once: true });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      signal?.removeEventListener('abort', interrupt);
      resolve(code);
    });
  });
}
