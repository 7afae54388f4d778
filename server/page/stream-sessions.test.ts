import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.ts';
import type { EndedSession } from '../auth/auth-store.ts';
import { createMetrics } from '../metrics.ts';
import { RecordedResponse } from '../testing/recorded-response.ts';
import { testLogger } from '../testing/test-logger.ts';
import { SseStream, type SseResponse } from './sse-stream.ts';
import { StreamSessions } from './stream-sessions.ts';

const open = () => {
  const res = new RecordedResponse();
  return { res, stream: new SseStream(res as unknown as SseResponse, { keepaliveMs: 60_000 }) };
};

const signedOutEvents = (res: RecordedResponse) => res.written.filter((chunk) => chunk.startsWith('event: signedout'));

const failures = async (metrics: ReturnType<typeof createMetrics>) =>
  (await metrics.authFailures.get()).values.map(({ labels, value }) => [labels.reason, value]);

describe('StreamSessions', () => {
  it('ends every stream of a revoked session with a signedout event, and only those', async () => {
    const metrics = createMetrics('test');
    const sessions = new StreamSessions({ metrics, log: testLogger(), clock: new FakeClock() });
    const [first, second, other, guest] = [open(), open(), open(), open()];
    expect(sessions.add(first.stream, 's1')).toBe(true);
    sessions.add(second.stream, 's1');
    sessions.add(other.stream, 's2');
    sessions.add(guest.stream, undefined);

    sessions.revoke('s1');
    for (const { res, stream } of [first, second]) {
      expect(signedOutEvents(res)).toEqual(['event: signedout\ndata: session was signed out\n\n']);
      expect(res.ended).toBe(true);
      expect(stream.isOpen).toBe(false);
    }
    for (const { res, stream } of [other, guest]) {
      expect(signedOutEvents(res)).toEqual([]);
      expect(stream.isOpen).toBe(true);
    }
    expect(await failures(metrics)).toEqual([['session_revoked', 2]]);
    sessions.close();
  });

  it("ends a stream listed after its session's revocation arrived", () => {
    const sessions = new StreamSessions({ metrics: createMetrics('test'), log: testLogger(), clock: new FakeClock() });
    sessions.revoke('late');
    const { res, stream } = open();
    expect(sessions.add(stream, 'late')).toBe(false);
    expect(signedOutEvents(res)).toHaveLength(1);
    expect(stream.isOpen).toBe(false);
    sessions.close();
  });

  it('ends the streams of sessions a check finds ended, asking once for all open ones, and survives a failed check', async () => {
    const metrics = createMetrics('test');
    const asked: string[][] = [];
    let answer: () => Promise<EndedSession[]> = async () => [{ id: 'gone', reason: 'session_expired' }];
    const sessions = new StreamSessions({
      metrics,
      log: testLogger(),
      clock: new FakeClock(),
      endedSessions: (ids) => {
        asked.push(ids);
        return answer();
      },
    });
    const [alive, twin, gone] = [open(), open(), open()];
    sessions.add(alive.stream, 'alive');
    sessions.add(twin.stream, 'alive');
    sessions.add(gone.stream, 'gone');

    await sessions.check();
    expect(asked).toEqual([['alive', 'gone']]);
    expect(signedOutEvents(gone.res)).toEqual(['event: signedout\ndata: session expired; sign in again\n\n']);
    expect(alive.stream.isOpen && twin.stream.isOpen).toBe(true);
    expect(await failures(metrics)).toEqual([['session_expired', 1]]);

    answer = () => Promise.reject(new Error('postgres is down'));
    await sessions.check();
    expect(alive.stream.isOpen).toBe(true);
    sessions.close();
    expect(alive.res.ended && twin.res.ended).toBe(true);
  });
});
