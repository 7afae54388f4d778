import { describe, expect, it } from 'vitest';
import { sharedFor } from './shared-result.ts';

describe('sharedFor', () => {
  it('shares one call within the window, calls again after it, and forgets failures', async () => {
    let t = 0;
    let calls = 0;
    let fail = false;
    const shared = sharedFor(
      500,
      async () => {
        calls += 1;
        if (fail) throw new Error('down');
        return calls;
      },
      () => t,
    );
    expect(await Promise.all([shared(), shared()])).toEqual([1, 1]);
    t = 499;
    expect(await shared()).toBe(1);
    t = 500;
    expect(await shared()).toBe(2);
    fail = true;
    t = 1000;
    await expect(shared()).rejects.toThrow('down');
    fail = false;
    expect(await shared()).toBe(4);
  });
});
