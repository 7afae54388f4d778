import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';

describe('FakeClock', () => {
  it('fires timers at their due time, in due order, ties in the order they were set', () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    clock.after(30, () => fired.push(`b@${clock.now()}`));
    clock.after(10, () => fired.push(`a@${clock.now()}`));
    clock.after(30, () => fired.push(`c@${clock.now()}`));
    clock.advance(29);
    expect(fired).toEqual(['a@1010']);
    clock.advance(1);
    expect(fired).toEqual(['a@1010', 'b@1030', 'c@1030']);
    expect(clock.now()).toBe(1030);
    expect(clock.pendingTimers).toBe(0);
  });

  it('repeats every period until cancelled, and a cancelled timer never fires', () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    const stop = clock.every(100, () => ticks.push(clock.now()));
    const never = clock.after(50, () => ticks.push(-1));
    never();
    clock.advance(350);
    stop();
    clock.advance(1000);
    expect(ticks).toEqual([100, 200, 300]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves a sleep when advanced past it, or at once when its signal aborts', async () => {
    const clock = new FakeClock();
    let woke = false;
    const sleeping = clock.sleep(500).then(() => (woke = true));
    clock.advance(499);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);

    const controller = new AbortController();
    const aborted = clock.sleep(10_000, controller.signal);
    controller.abort();
    await aborted;
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers).toBe(0);
  });

  it('with jumpOnSleep, a sleep moves time itself and fires the timers due on the way', async () => {
    const clock = new FakeClock(0, { jumpOnSleep: true });
    const fired: number[] = [];
    clock.every(300, () => fired.push(clock.now()));
    await clock.sleep(1000);
    expect(clock.now()).toBe(1000);
    expect(fired).toEqual([300, 600, 900]);
  });
});
