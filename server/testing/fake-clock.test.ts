import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.ts';

describe('FakeClock', () => {
  it('fires timers that fall due, in time order, each at its own time, and none before', () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    clock.after(30, () => fired.push(`b@${clock.now()}`));
    clock.after(10, () => fired.push(`a@${clock.now()}`));
    clock.advance(9);
    expect(fired).toEqual([]);
    clock.advance(25);
    expect(fired).toEqual(['a@1010', 'b@1030']);
    expect(clock.now()).toBe(1034);
    expect(clock.pending).toBe(0);
  });

  it('repeats `every` until cancelled, and a cancelled timer never fires', () => {
    const clock = new FakeClock();
    let ticks = 0;
    const stop = clock.every(100, () => ticks++);
    const never = clock.after(50, () => (ticks += 1000));
    never();
    clock.advance(350);
    expect(ticks).toBe(3);
    stop();
    clock.advance(1000);
    expect(ticks).toBe(3);
  });

  it('resolves sleep when time has moved on', async () => {
    const clock = new FakeClock();
    let woke = false;
    void clock.sleep(20).then(() => (woke = true));
    await clock.tick(19);
    expect(woke).toBe(false);
    await clock.tick(1);
    expect(woke).toBe(true);
  });
});
