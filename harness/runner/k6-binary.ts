import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { MetricType, SummaryData, SummaryGroup, SummaryMetric } from '../../reports/results.ts';
import { DEFAULT_TREND_STATS } from './summary/build-summary.ts';
import { failedThresholds } from './summary/text-summary.ts';
import type { RunScriptOptions, RunOutcome } from './types.ts';

/** Path of a `k6` executable on PATH, if any. */
export function findK6(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'k6.exe' : 'k6');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Runs the script with a real k6 binary (`k6 run --summary-export`) and maps
 * its result to the same RunOutcome as runScript. onSample/keepSamples are not
 * supported here (k6 would need an output extension for that).
 */
export async function runWithK6Binary(opts: RunScriptOptions & { k6Path?: string }): Promise<RunOutcome> {
  const k6 = opts.k6Path ?? findK6();
  if (!k6) throw new Error('no k6 executable found on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'swaglab-k6-'));
  const exportPath = join(dir, 'summary.json');
  const args = ['run', '--summary-export', exportPath];
  for (const [k, v] of Object.entries(opts.env ?? {})) args.push('-e', `${k}=${v}`);
  if (opts.overrides?.vus !== undefined) args.push('--vus', String(opts.overrides.vus));
  if (opts.overrides?.duration !== undefined) args.push('--duration', opts.overrides.duration);
  if (opts.overrides?.iterations !== undefined) args.push('--iterations', String(opts.overrides.iterations));
  if (opts.summaryMode !== undefined) args.push('--summary-mode', opts.summaryMode);
  for (const [k, v] of Object.entries(opts.tags ?? {})) args.push('--tag', `${k}=${v}`);
  if (opts.executionSegment !== undefined) args.push('--execution-segment', opts.executionSegment);
  if (opts.executionSegmentSequence !== undefined)
    args.push('--execution-segment-sequence', opts.executionSegmentSequence);
  if (opts.quiet) args.push('--quiet');
  args.push(opts.scriptPath);

  const startedAt = new Date();
  const child = spawn(k6, args, { cwd: opts.outputDir ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (!opts.quiet) process.stdout.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    if (!opts.quiet) process.stderr.write(d);
  });
  const onAbort = () => child.kill('SIGINT');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 105 : 1)));
  });
  opts.signal?.removeEventListener('abort', onAbort);
  const endedAt = new Date();

  let summary: SummaryData;
  try {
    summary = fromSummaryExport(JSON.parse(readFileSync(exportPath, 'utf8')), endedAt.getTime() - startedAt.getTime());
  } catch {
    summary = fromSummaryExport({}, endedAt.getTime() - startedAt.getTime());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const thresholdsFailed = failedThresholds(summary);
  return { summary, exitCode, thresholdsFailed, stdoutText: stdout, startedAt, endedAt };
}

/**
 * Converts k6's legacy --summary-export JSON to handleSummary-shaped data.
 * In that format a threshold's boolean is true when it FAILED, metric types
 * are implicit, and groups/checks are objects keyed by name.
 */
export function fromSummaryExport(raw: Record<string, unknown>, fallbackDurationMs: number): SummaryData {
  const metrics: Record<string, SummaryMetric> = {};
  for (const [name, value] of Object.entries((raw.metrics ?? {}) as Record<string, Record<string, unknown>>)) {
    const { thresholds, ...rest } = value;
    const numbers = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'number')) as Record<
      string,
      number
    >;
    const type = inferType(numbers);
    const values =
      type === 'rate' ? { rate: numbers.value ?? 0, passes: numbers.passes ?? 0, fails: numbers.fails ?? 0 } : numbers;
    const metric: SummaryMetric = { type, contains: inferContains(name, type), values };
    if (thresholds && typeof thresholds === 'object') {
      metric.thresholds = Object.fromEntries(
        Object.entries(thresholds).map(([expr, failed]) => [expr, { ok: failed !== true }]),
      );
    }
    metrics[name] = metric;
  }
  const state = (raw.state ?? {}) as { testRunDurationMs?: number };
  return {
    metrics,
    root_group: toGroup(
      (raw.root_group ?? { name: '', path: '', id: '', groups: [], checks: [] }) as Record<string, unknown>,
    ),
    options: { summaryTrendStats: DEFAULT_TREND_STATS },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: state.testRunDurationMs ?? fallbackDurationMs },
  };
}

function inferType(v: Record<string, number>): MetricType {
  if ('passes' in v || 'fails' in v) return 'rate';
  if ('avg' in v || 'med' in v) return 'trend';
  if ('count' in v) return 'counter';
  return 'gauge';
}

function inferContains(name: string, type: MetricType): SummaryMetric['contains'] {
  if (name.startsWith('data_')) return 'data';
  if (
    type === 'trend' &&
    /(_duration|_connecting|_blocked|_sending|_waiting|_receiving|_handshaking|_ping)(\{|$)/.test(name)
  )
    return 'time';
  return 'default';
}

function toGroup(g: Record<string, unknown>): SummaryGroup {
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : Object.values((v ?? {}) as Record<string, unknown>)) as Array<Record<string, unknown>>;
  return {
    name: String(g.name ?? ''),
    path: String(g.path ?? ''),
    id: String(g.id ?? ''),
    groups: list(g.groups).map(toGroup),
    checks: list(g.checks).map((c) => ({
      name: String(c.name),
      path: String(c.path),
      id: String(c.id),
      passes: Number(c.passes ?? 0),
      fails: Number(c.fails ?? 0),
    })),
  };
}
