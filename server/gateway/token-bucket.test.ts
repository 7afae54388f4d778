import { describe, expect, it } from "vitest";
import { TokenBucket, UserBuckets } from "./token-bucket.ts";

describe("TokenBucket", () => {
  it("allows a burst, then the refill rate", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 100;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe("UserBuckets", () => {
  it("shares one bucket between a user's connections until the last releases it", () => {
    const buckets = new UserBuckets(1, 2, () => 0);
    const first = buckets.acquire("u");
    const second = buckets.acquire("u");
    expect(first).toBe(second);
    expect([first.take(), second.take(), first.take()]).toEqual([true, true, false]);
    buckets.release("u");
    buckets.release("u");
    expect(buckets.acquire("u").take()).toBe(true);
  });
});
