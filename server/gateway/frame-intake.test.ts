import { describe, expect, it } from 'vitest';
import type { SwagError } from '../errors.ts';
import { createMetrics } from '../metrics.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { FLOOD_DRAIN_MS, FrameIntake, type IntakeHost } from './frame-intake.ts';
import type { ClientMessage } from './protocol.ts';
import { RateGate } from './rate-gate.ts';
import { TokenBucket } from './token-bucket.ts';

/** A host whose replies are recorded in order; `hold` makes each command wait until released (a slow commit). */
function fakeHost(hold?: Promise<void>) {
  const sent: { code?: string; ref?: string; reply?: string }[] = [];
  let closed = false;
  const host: IntakeHost = {
    isClosed: () => closed,
    fail: (error: SwagError, ref?: string) => sent.push({ code: error.code, ref }),
    markClosed: () => (closed = true),
    pipelines: (message) => message.type === 'task.create',
    run: async (message: ClientMessage, _receivedAt, _validatedAt, previous) => {
      if (hold) await hold;
      await previous;
      sent.push({ reply: 'ref' in message ? message.ref : undefined });
    },
  };
  return { host, sent, isClosed: () => closed };
}

const frame = (i: number) =>
  Buffer.from(JSON.stringify({ type: 'task.create', ref: `c${i}`, board: 'b', title: 't', column: 'todo' }));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FrameIntake', () => {
  const limits = { ratePerSecond: 1, rateBurst: 3, userRatePerSecond: 1 };
  const gate = () => new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, new FakeClock()), limits);

  it("answers every frame of a flood in order, then E_FLOODING with the tipping frame's ref, and drops the rest", async () => {
    const { host, sent, isClosed } = fakeHost();
    const intake = new FrameIntake(host, {
      gate: gate(),
      metrics: createMetrics('test'),
      maxFrameBytes: 4096,
      clock: new FakeClock(),
    });
    for (let i = 0; i < 10; i++) intake.receive(frame(i), false);
    await settle(20);
    expect(sent).toEqual([
      { reply: 'c0' },
      { reply: 'c1' },
      { reply: 'c2' },
      { code: 'E_RATE_LIMITED', ref: 'c3' },
      { code: 'E_RATE_LIMITED', ref: 'c4' },
      { code: 'E_RATE_LIMITED', ref: 'c5' },
      { code: 'E_FLOODING', ref: 'c6' },
    ]);
    expect(isClosed()).toBe(true);
  });

  it('waits for slow commits before the flood close, but no longer than its bound', async () => {
    let release = () => {};
    const { host, sent } = fakeHost(new Promise<void>((resolve) => (release = resolve)));
    const clock = new FakeClock();
    const intake = new FrameIntake(host, { gate: gate(), metrics: createMetrics('test'), maxFrameBytes: 4096, clock });
    for (let i = 0; i < 7; i++) intake.receive(frame(i), false);
    await clock.tick(FLOOD_DRAIN_MS - 1);
    expect(sent).toEqual([]);
    await clock.tick(1);
    expect(sent).toEqual([{ code: 'E_FLOODING', ref: 'c6' }]);
    release();
  });
});
