// One clock for the harness process (runner, chaos player, lab): everything there that waits or stamps a time takes
// it from a Clock, so tests pass a fake that jumps instead of waiting. The server keeps its own (server/bus/fanout.ts):
// it is another process and must not know the harness.

export interface Clock {
  /** Epoch milliseconds, with sub-millisecond precision where the clock has it. */
  now(): number;
  /** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
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
};

/** Resolves at `time` (epoch ms on `clock`); rejects with the signal's reason when it aborts. */
export async function sleepUntil(clock: Clock, time: number, signal?: AbortSignal): Promise<void> {
  const wait = time - clock.now();
  if (wait > 0) await clock.sleep(wait, signal);
  signal?.throwIfAborted();
}
