import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../fake-clock.ts';
import { VuLoop } from '../script/event-loop.ts';
import type { VuApi } from '../script/vu-api.ts';
import { createTimersModule } from './timers.ts';

/** The timers module on fake time, with the real VU event loop: only what the module uses of a VU. */
function timersOnFakeTime() {
  const clock = new FakeClock();
  const loop = new VuLoop();
  const vu = {
    services: { clock },
    loop,
    callScript: (fn: (...a: unknown[]) => unknown, _this: unknown, args: unknown[]) => fn(...args),
  };
  return { clock, loop, timers: createTimersModule(vu as unknown as VuApi) };
}

describe('k6/timers', () => {
  it('fires setTimeout at its exact delay with its arguments, and holds the iteration open until then', async () => {
    const { clock, loop, timers } = timersOnFakeTime();
    const fired: string[] = [];
    loop.begin();
    timers.setTimeout((a: string) => fired.push(`${a}@${clock.now()}`), 250, 'x');
    let settled: string | undefined;
    const iteration = loop.settle(undefined).then((s) => (settled = s));
    clock.advance(249);
    await Promise.resolve();
    expect(settled).toBeUndefined();
    clock.advance(1);
    await iteration;
    expect(fired).toEqual(['x@250']);
    expect(settled).toBe('done');
  });

  it('repeats setInterval every period until clearInterval, which ends the iteration', async () => {
    const { clock, loop, timers } = timersOnFakeTime();
    const ticks: number[] = [];
    loop.begin();
    const id = timers.setInterval(() => {
      ticks.push(clock.now());
      if (ticks.length === 3) timers.clearInterval(id);
    }, 100);
    const iteration = loop.settle(undefined);
    clock.advance(1000);
    expect(await iteration).toBe('done');
    expect(ticks).toEqual([100, 200, 300]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('cancels every live timer when the iteration is interrupted, without running their callbacks', async () => {
    const { clock, loop, timers } = timersOnFakeTime();
    const fired: number[] = [];
    loop.begin();
    timers.setTimeout(() => fired.push(1), 50);
    timers.setInterval(() => fired.push(2), 10);
    const iteration = loop.settle(undefined);
    loop.interrupt();
    expect(await iteration).toBe('interrupted');
    clock.advance(1000);
    expect(fired).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
