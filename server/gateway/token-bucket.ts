import type { Clock } from '../clock.ts';

/** A token bucket: `burst` tokens, refilled at `ratePerSecond`; each message takes one. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  take(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per signed-in user, shared by that user's connections on this replica; dropped with the last one. */
export class UserBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; holders: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {}

  acquire(userId: string): TokenBucket {
    let entry = this.buckets.get(userId);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.ratePerSecond, this.burst, this.clock), holders: 0 };
      this.buckets.set(userId, entry);
    }
    entry.holders += 1;
    return entry.bucket;
  }

  release(userId: string): void {
    const entry = this.buckets.get(userId);
    if (entry && --entry.holders <= 0) this.buckets.delete(userId);
  }
}
