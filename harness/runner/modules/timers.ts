import type { VuApi } from '../script/vu-api.ts';

/**
 * `k6/timers` (also installed as VU globals). Each live timer keeps the VU's
 * iteration open, as in k6: an uncleared setInterval means the iteration only
 * ends when the scenario's graceful stop interrupts it. They run on the run's
 * clock, and keep the process alive like Node's: they are the script's work.
 */
export function createTimersModule(vu: VuApi) {
  const clock = vu.services.clock;
  let nextId = 1;
  const live = new Map<number, { clear: () => void }>();

  function schedule(repeat: boolean, fn: unknown, ms: unknown, args: unknown[]): number {
    if (typeof fn !== 'function')
      throw new TypeError(`${repeat ? 'setInterval' : 'setTimeout'}: callback must be a function`);
    const id = nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    const cb = vu.loop.bind(() => vu.callScript(fn, undefined, args));
    const clear = repeat
      ? clock.every(delay, cb)
      : clock.after(delay, () => {
          live.delete(id);
          cb(); // before release: a callback that schedules more work keeps the iteration open
          handle.release();
        });
    const handle = vu.loop.ref(() => {
      clear();
      live.delete(id);
    });
    live.set(id, {
      clear: () => {
        clear();
        live.delete(id);
        handle.release();
      },
    });
    return id;
  }

  const cancel = (id: unknown) => live.get(Number(id))?.clear();

  return {
    setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(false, fn, ms, args),
    setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(true, fn, ms, args),
    clearTimeout: cancel,
    clearInterval: cancel,
  };
}
