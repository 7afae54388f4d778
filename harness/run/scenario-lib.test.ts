// The pure parts of the k6 client library in scenarios/lib (vitest does not
// look inside scenarios/, whose tsconfig knows only k6's types).
import { describe, expect, it } from 'vitest';
import { backoffDelay, connectTimeoutAfter, DEFAULT_BACKOFF } from '../../scenarios/lib/backoff.ts';
import { SeqLedger } from '../../scenarios/lib/seq-ledger.ts';
import { applyPresence } from '../../scenarios/lib/protocol.ts';

describe('SeqLedger', () => {
  it('owes events after the first welcome and finds the ones never seen', () => {
    const ledger = new SeqLedger();
    ledger.connected(10);
    for (const seq of [11, 12, 14]) expect(ledger.receive(seq)).toBe('new');
    expect(ledger.resumePoint()).toBe(12);
    expect(ledger.lostUpTo(15)).toBe(2); // 13 and 15
    expect(ledger.owedUpTo(15)).toBe(5);
  });

  it('resumes from the contiguous point; replays below since are duplicates, above it redeliveries', () => {
    const ledger = new SeqLedger();
    ledger.connected(0);
    for (const seq of [1, 2, 4]) ledger.receive(seq);
    ledger.connected(6, ledger.resumePoint()); // since = 2
    expect(ledger.receive(3)).toBe('new');
    expect(ledger.receive(4)).toBe('redelivered');
    expect(ledger.receive(2)).toBe('duplicate');
    expect(ledger.receive(5)).toBe('new');
    expect(ledger.receive(5)).toBe('duplicate'); // twice on one connection
    expect(ledger.receive(6)).toBe('new');
    expect([ledger.duplicates, ledger.redelivered, ledger.lostUpTo(6)]).toEqual([2, 1, 0]);
  });

  it('ignores events at or below the baseline', () => {
    const ledger = new SeqLedger();
    ledger.connected(5);
    expect(ledger.receive(5)).toBe('before-baseline');
    expect(ledger.lostUpTo(5)).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('retries first within firstMs, then grows exponentially to the cap, with equal jitter', () => {
    const policy = { ...DEFAULT_BACKOFF, firstMs: 40, baseMs: 100, maxMs: 1000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0))).toEqual([0, 100, 200, 400, 500]);
    expect(backoffDelay(1, policy, () => 1)).toBe(40);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(3, { ...policy, jitter: 0 }, () => 0.7)).toBe(400);
  });
});

describe('connectTimeoutAfter', () => {
  it('starts at 1 s and doubles with each attempt that timed out, up to 5 s', () => {
    expect([0, 1, 2, 3, 10].map((n) => connectTimeoutAfter(n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(connectTimeoutAfter(1, 300)).toBe(600);
    expect(connectTimeoutAfter(2, 8000)).toBe(8000); // a patience set above the cap stays as set
  });
});

describe('applyPresence', () => {
  const alice = { userId: 'a', name: 'alice' };
  const bob = { userId: 'b', name: 'bob' };
  const carol = { userId: 'c', name: 'carol' };

  it('takes a full list as it is, then applies deltas by user id', () => {
    const full = applyPresence([], { type: 'presence', board: 'x', members: [alice, bob] });
    expect(full).toEqual([alice, bob]);
    expect(applyPresence(full, { type: 'presence.delta', board: 'x', joined: [carol], left: [alice] })).toEqual([
      bob,
      carol,
    ]);
  });

  it('treats a repeated join as a replacement, not a second member', () => {
    expect(
      applyPresence([alice], {
        type: 'presence.delta',
        board: 'x',
        joined: [{ userId: 'a', name: 'alice2' }],
        left: [],
      }),
    ).toEqual([{ userId: 'a', name: 'alice2' }]);
  });
});
