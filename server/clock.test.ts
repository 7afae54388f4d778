import { describe, expect, it } from 'vitest';
import { settlesWithin } from './clock.ts';
import { FakeClock } from './testing/fake-clock.ts';

describe('settlesWithin', () => {
  it('is true when the work settles first, and leaves no timer behind', async () => {
    const clock = new FakeClock();
    expect(await settlesWithin(clock, Promise.resolve(), 1000)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('is false once the bound passes on the clock, and not a moment before', async () => {
    const clock = new FakeClock();
    let outcome: boolean | undefined;
    void settlesWithin(clock, new Promise(() => undefined), 1000).then((within) => (outcome = within));
    await clock.tick(999);
    expect(outcome).toBeUndefined();
    await clock.tick(1);
    expect(outcome).toBe(false);
  });

  it("passes the work's rejection on", async () => {
    await expect(settlesWithin(new FakeClock(), Promise.reject(new Error('down')), 1000)).rejects.toThrow('down');
  });
});
