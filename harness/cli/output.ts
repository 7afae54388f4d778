/** Progress goes to stderr, stamped with seconds since start, so stdout stays clean for results. */
const started = Date.now();

export function progress(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${seconds}s] ${line}\n`);
}

export function fail(message: string, exitCode = 2): never {
  process.stderr.write(`swaglab: ${message}\n`);
  process.exit(exitCode);
}

/**
 * Ctrl-C aborts the work in hand, which then cleans up after itself; a second
 * Ctrl-C exits at once (the next start removes what is left).
 */
export function abortOnInterrupt(): AbortSignal {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    progress(`${signal}: stopping and cleaning up (Ctrl-C again to exit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
