import type { SummaryData } from '../../reports/results.ts';
import type { Overrides } from './executors/config.ts';
import type { Sample } from './metrics/types.ts';
import type { SummaryMode } from './summary/text-summary.ts';
import type { LogLevel } from './script/vu-api.ts';

export type { Sample, LogLevel };

export interface Progress {
  elapsedMs: number;
  vus: number;
  iterations: number;
}

export interface RunScriptOptions {
  scriptPath: string;
  /** __ENV for the script (k6's -e KEY=VAL). */
  env?: Record<string, string>;
  /** Like k6's --vus/--duration/--iterations flags: they win over the script's options. */
  overrides?: Overrides;
  /** Called about once a second while scenarios run. */
  onProgress?: (p: Progress) => void;
  /** Every metric sample as it is emitted (e.g. to bridge into Prometheus). Keep it cheap. */
  onSample?: (s: Sample) => void;
  /** Script console output and runner messages; default: written to stderr unless quiet. */
  onLog?: (level: LogLevel, message: string, fields: Record<string, string | number>) => void;
  /** Aborting stops the test like Ctrl-C on k6: teardown and summary still run, exit code 105. */
  signal?: AbortSignal;
  /** k6's --summary-mode for the end-of-test text: compact (default), full or legacy. */
  summaryMode?: SummaryMode;
  /** Writes the summary data (handleSummary's `data` shape) as JSON to this path. */
  summaryExport?: string;
  /** Write nothing to this process's stdout/stderr (the text is still in stdoutText). */
  quiet?: boolean;
  /** Base directory for relative handleSummary output paths; default process.cwd(). */
  outputDir?: string;
  /** k6's --tag NAME=VALUE: added to options.tags (and so to every sample); a flag's value wins over the script's. */
  tags?: Record<string, string>;
  /** k6's --execution-segment (e.g. "1/3:2/3"): run only this share of the test; wins over options.executionSegment. */
  executionSegment?: string;
  /** k6's --execution-segment-sequence (e.g. "0,1/3,2/3,1"): every instance's segment. */
  executionSegmentSequence?: string;
  /** Keep every sample in RunOutcome.samples (memory grows with the test; for tests and small runs). */
  keepSamples?: boolean;
}

export interface RunOutcome {
  summary: SummaryData;
  /** 0 ok, 99 thresholds failed, 100/101 setup/teardown timeout, 104 invalid config, 105 aborted, 107 script error, 108 test.abort(). */
  exitCode: number;
  /** Failed thresholds as `metric 'expression'`. */
  thresholdsFailed: string[];
  /** What the run printed to stdout (the end-of-test summary or handleSummary's stdout). */
  stdoutText: string;
  startedAt: Date;
  endedAt: Date;
  /** Why the run ended early or failed, if it did. */
  error?: string;
  samples?: Sample[];
}
