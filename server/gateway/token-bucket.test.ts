import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.ts';
import { TokenBucket, UserBuckets } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst, then the refill rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.advance(100);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    clock.advance(9_900);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('UserBuckets', () => {
  it("shares one bucket between a user's connections until the last releases it", () => {
    const buckets = new UserBuckets(1, 2, new FakeClock());
    const first = buckets.acquire('u');
    const second = buckets.acquire('u');
    expect(first).toBe(second);
    expect([first.take(), second.take(), first.take()]).toEqual([true, true, false]);
    buckets.release('u');
    buckets.release('u');
    expect(buckets.acquire('u').take()).toBe(true);
  });
});
