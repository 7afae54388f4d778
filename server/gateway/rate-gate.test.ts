import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.ts';
import { RateGate } from './rate-gate.ts';
import { TokenBucket } from './token-bucket.ts';

const limits = { ratePerSecond: 10, rateBurst: 3, userRatePerSecond: 2 };

describe('RateGate', () => {
  it('accepts the burst, refuses the next frames, and calls the one past rateBurst refusals in a row flooding', () => {
    const clock = new FakeClock();
    const gate = new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, clock), limits);
    const kinds = Array.from({ length: 8 }, () => gate.judge().kind);
    expect(kinds).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'refused',
      'refused',
      'refused',
      'flooding',
      'flooding',
    ]);
  });

  it('starts counting refusals afresh after an accepted frame', () => {
    const clock = new FakeClock();
    const gate = new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, clock), limits);
    for (let i = 0; i < 6; i++) gate.judge();
    clock.advance(100); // one token back
    expect(gate.judge().kind).toBe('accepted');
    expect([gate.judge().kind, gate.judge().kind, gate.judge().kind, gate.judge().kind]).toEqual([
      'refused',
      'refused',
      'refused',
      'flooding',
    ]);
  });

  it('names the bucket that ran dry and quotes its own rate', () => {
    const clock = new FakeClock();
    const gate = new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, clock), limits);
    gate.userBucket = new TokenBucket(limits.userRatePerSecond, 1, clock);
    expect(gate.judge().kind).toBe('accepted');
    const byUser = gate.judge();
    expect(byUser).toMatchObject({ kind: 'refused', scope: 'user' });
    if (byUser.kind === 'accepted') throw new Error('expected a refusal');
    expect(byUser.error.message).toContain('more than 2 messages per second from this user');
    gate.judge();
    const byConnection = gate.judge();
    expect(byConnection).toMatchObject({ kind: 'refused', scope: 'connection' });
    if (byConnection.kind === 'accepted') throw new Error('expected a refusal');
    expect(byConnection.error.message).toContain('more than 10 messages per second on this connection');
  });
});
