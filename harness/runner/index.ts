// Public entry of the swaglab k6-compatible runner.
export { runScript } from './run-script.ts';
export type { RunScriptOptions, RunOutcome, Progress, Sample, LogLevel } from './types.ts';
export { textSummary, type TextSummaryOptions } from './summary/text-summary.ts';
export { findK6, runWithK6Binary } from './k6-binary.ts';
export { ExitCode } from './exit-codes.ts';
