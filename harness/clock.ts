// One clock for the harness process (runner, chaos player, lab): everything there that waits, stamps a time or
// schedules a callback takes it from a Clock, so tests pass a fake (fake-clock.ts) that jumps instead of waiting.
// The server keeps its own (server/clock.ts): it is another process family and must not know the harness.

/** Stops a timer; calling it again, or after a one-shot timer fired, does nothing. */
export type CancelTimer = () => void;

export interface TimerOptions {
  /**
   * A timer keeps the process alive by default, as Node's does: the k6 timers a script sets and the run's ticker
   * are work the process must finish. `unref: true` is for side jobs of something else the process already waits
   * for (a push tick, a memory sample, a watchdog, a close grace): forgetting to cancel one must never keep a
   * finished run or CLI from exiting.
   */
  unref?: boolean;
}

export interface Clock {
  /** Epoch milliseconds, with sub-millisecond precision where the clock has it. */
  now(): number;
  /** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` once, `ms` from now. */
  after(ms: number, fn: () => void, options?: TimerOptions): CancelTimer;
  /** Calls `fn` every `ms` (at least 1) until cancelled. */
  every(ms: number, fn: () => void, options?: TimerOptions): CancelTimer;
}

export const systemClock: Clock = {
  // performance.now() is monotonic, so durations measured within a run never go backwards with NTP.
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
  after: (ms, fn, options) => {
    const timer = setTimeout(fn, ms);
    if (options?.unref) timer.unref();
    return () => clearTimeout(timer);
  },
  every: (ms, fn, options) => {
    const timer = setInterval(fn, Math.max(1, ms));
    if (options?.unref) timer.unref();
    return () => clearInterval(timer);
  },
};

/** Resolves at `time` (epoch ms on `clock`); rejects with the signal's reason when it aborts. */
export async function sleepUntil(clock: Clock, time: number, signal?: AbortSignal): Promise<void> {
  const wait = time - clock.now();
  if (wait > 0) await clock.sleep(wait, signal);
  signal?.throwIfAborted();
}
