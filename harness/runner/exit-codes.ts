// The exit codes k6 documents for `k6 run`; callers (CI, the lab) branch on them.
export const ExitCode = {
  ok: 0,
  thresholdsFailed: 99,
  setupTimeout: 100,
  teardownTimeout: 101,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  scriptAborted: 108,
} as const;

/** An error that carries the exit code the run should end with. */
export class RunError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'RunError';
    this.exitCode = exitCode;
  }
}
