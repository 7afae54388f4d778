// The server's one clock: everything in the server that stamps a time or waits takes it from a Clock, injected
// through the app's deps (createServer's `clock` option), so a test passes a FakeClock (server/testing/) that jumps
// instead of waiting. The harness has its own (harness/clock.ts): it is another process family, and the server
// knows nothing outside server/. Benchmarks and test helpers, which measure or await real time, keep raw timers.
//
// Every timer is unref'd. Each runs on behalf of something that already keeps the process alive while it matters
// (a listening server, an open socket or stream, a close() being awaited), and none should hold a replica up by
// itself: a token expiry an hour away, a presence heartbeat or a keepalive left behind by an orderly close must not
// keep a test or a stopped server from exiting. The one timer that must fire whatever else is open, the forced exit
// of a shutdown that hangs, is armed only when the process was told to stop and exits through process.exit.

/** Stops a timer; calling it again, or after the timer fired, does nothing. */
export type Cancel = () => void;

export interface Clock {
  /** Epoch milliseconds (Date.now()): the stamps that go on the wire, into Postgres and to other replicas. */
  now(): number;
  /** Runs `fn` once, `ms` from now. */
  after(ms: number, fn: () => void): Cancel;
  /** Runs `fn` every `ms` until cancelled. */
  every(ms: number, fn: () => void): Cancel;
  /** Resolves `ms` from now. */
  sleep(ms: number): Promise<void>;
}

/** Node's timers and Date.now, looked up at each call (so test runners that replace the globals still apply). */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
  sleep: (ms) => new Promise<void>((resolve) => systemClock.after(ms, resolve)),
};

/**
 * Waits for `work` or `ms` on `clock`, whichever comes first; true when the work came first (its rejection is
 * passed on). The timer goes once the work settles, so a bound that was not needed leaves nothing behind.
 */
export async function settlesWithin(clock: Clock, work: Promise<unknown>, ms: number): Promise<boolean> {
  let cancel: Cancel = () => undefined;
  const timedOut = new Promise<false>((resolve) => (cancel = clock.after(ms, () => resolve(false))));
  try {
    return await Promise.race([work.then(() => true as const), timedOut]);
  } finally {
    cancel();
  }
}
