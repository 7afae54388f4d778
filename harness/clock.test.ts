import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.ts';

describe('systemClock timers', () => {
  it('fires a one-shot timer once, repeats an interval until cancelled, and never fires a cancelled timer', async () => {
    const fired: string[] = [];
    systemClock.after(5, () => fired.push('once'), { unref: true });
    systemClock.after(5, () => fired.push('cancelled'))();
    const stop = systemClock.every(5, () => fired.push('tick'));
    await systemClock.sleep(60);
    stop();
    const ticks = fired.filter((f) => f === 'tick').length;
    await systemClock.sleep(30);
    expect(fired.filter((f) => f === 'once')).toHaveLength(1);
    expect(fired).not.toContain('cancelled');
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(fired.filter((f) => f === 'tick')).toHaveLength(ticks);
  });
});
