import { describe, expect, it } from 'vitest';
import type { AuthService } from '../auth/auth-service.ts';
import type { MembershipStore } from '../auth/membership.ts';
import type { BoardEvent } from '../board/board-event.ts';
import type { BoardId } from '../board/task.ts';
import type { AuthMode } from '../config.ts';
import { Fanout } from '../bus/fanout.ts';
import { LocalBus } from '../bus/local-bus.ts';
import { createMetrics } from '../metrics.ts';
import { PresenceTracker } from '../presence/presence-tracker.ts';
import { BoardStreams, type Subscriber } from '../stream/board-streams.ts';
import { deletedEvent } from '../testing/board-events.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { testLogger } from '../testing/test-logger.ts';
import { ConnectionState } from './connection-state.ts';
import { HelloHandshake, type HandshakeHost } from './hello-handshake.ts';
import { HeldIdentity, identify, type Identity } from './identify.ts';
import { PROTOCOL_VERSION, type HelloMessage, type ServerMessage } from './protocol.ts';
import { RateGate } from './rate-gate.ts';
import { TokenBucket, UserBuckets } from './token-bucket.ts';

const limits = { ratePerSecond: 100, rateBurst: 100, userRatePerSecond: 100 };

/** Who the open-mode hello names, through the real identify (which needs no store in open mode). */
const openIdentify = (message: HelloMessage, boards: BoardId[]) =>
  identify({ auth: {} as AuthService, authMode: 'open', membership: {} as MembershipStore }, message, boards);

interface Setup {
  /** Each board's seq as Postgres would report it; a function to fail or act while the seqs are read. */
  openBoards?: (boards: BoardId[]) => Promise<{ board: BoardId; seq: number }[]>;
  authMode?: AuthMode;
  identifyAs?: Identity;
  /** Committed events per board, for the catch-up. */
  stored?: BoardEvent[];
}

/** A replica in memory (local bus, real fan-out, streams and presence) and one connection's side of the handshake. */
function connection(setup: Setup = {}) {
  const clock = new FakeClock(1_000);
  const bus = new LocalBus();
  const metrics = createMetrics('a');
  const log = testLogger();
  const fanout = new Fanout({ bus, replica: 'a', metrics, log, clock });
  const presence = new PresenceTracker({ bus, replica: 'a', metrics, log, clock, heartbeatMs: 1000, coalesceMs: 0 });
  const stored = setup.stored ?? [];
  const streams = new BoardStreams({
    fanout,
    presence,
    metrics,
    readEvents: async (board, after, limit) =>
      stored.filter((event) => event.board === board && event.seq > after).slice(0, limit),
  });
  /** Everything the client would see, in order. */
  const seen: string[] = [];
  const sent: ServerMessage[] = [];
  const subscriber: Subscriber = {
    event: (event) => seen.push(`event ${event.board}:${event.seq}`) > 0,
    typing: () => undefined,
    reset: (board, seq) => seen.push(`reset ${board}:${seq}`),
    drained: async () => undefined,
    failed: (_board, error) => {
      throw error;
    },
    presence: (board, update) => seen.push(`${update.type} ${board}`),
  };
  let state = ConnectionState.AwaitingHello;
  const userBuckets = new UserBuckets(limits.userRatePerSecond, limits.rateBurst, clock);
  const host: HandshakeHost = {
    id: 'c1',
    state: () => state,
    moveTo: (next) => (state = next),
    subscriber,
    identity: new HeldIdentity({ auth: {} as AuthService, authMode: setup.authMode ?? 'open', clock }, () => {}),
    gate: new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, clock), limits),
    out: {
      send: (message) => {
        sent.push(message);
        seen.push(message.type);
      },
      startBatching: () => seen.push('batching on'),
      stopBatching: () => seen.push('batching off'),
    },
  };
  const identifyAs = setup.identifyAs;
  const handshake = new HelloHandshake(
    host,
    {
      identify: identifyAs ? async () => identifyAs : openIdentify,
      openBoards: setup.openBoards ?? (async (boards) => boards.map((board) => ({ board, seq: 0 }))),
      streams,
      resumeWindow: 100,
      authMode: setup.authMode ?? 'open',
      userBuckets,
      replica: 'a',
      metrics,
    },
    log,
  );
  /** What the connection does once its socket closed. */
  const close = () => {
    state = ConnectionState.Closed;
    handshake.leave();
  };
  const resumes = async () =>
    Object.fromEntries((await metrics.resumes.get()).values.map(({ labels, value }) => [labels.outcome, value]));
  return { clock, fanout, handshake, host, seen, sent, state: () => state, close, userBuckets, resumes };
}

const hello = (boards: HelloMessage['boards'], fields: Partial<HelloMessage> = {}): HelloMessage => ({
  type: 'hello',
  v: PROTOCOL_VERSION,
  user: 'ann',
  boards,
  ...fields,
});

describe('HelloHandshake', () => {
  it('welcomes before any catch-up or presence, and counts a resume only for the boards given with since', async () => {
    const stored = [2, 3].map((seq) => deletedEvent(seq, { board: 'x' }));
    const { handshake, host, seen, sent, state, clock, resumes, fanout } = connection({
      stored,
      openBoards: async () => {
        // Committed after y's seq was read: held by its stream until it starts, then passed on at once.
        await fanout.publish(deletedEvent(6, { board: 'y' }));
        return [
          { board: 'x', seq: 3 },
          { board: 'y', seq: 5 },
        ];
      },
    });
    await handshake.run(hello([{ board: 'x', since: 1 }, { board: 'y' }]));
    await handshake.joinedStream('x').settled();
    clock.advance(0);

    expect(state()).toBe(ConnectionState.Ready);
    expect(sent[0]).toEqual({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      replica: 'a',
      connectionId: 'c1',
      boards: [
        { board: 'x', seq: 3 },
        { board: 'y', seq: 5 },
      ],
    });
    expect(seen).toEqual(['welcome', 'event y:6', 'event x:2', 'event x:3', 'presence x', 'presence y']);
    expect(host.identity.member).toEqual({ userId: 'ann', name: 'ann' });
    // y was new (no since): its start is no resume, though its outcome is 'current'.
    expect(await resumes()).toEqual({ replayed: 1 });
    expect(() => handshake.joinedStream('z')).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_BOARD' }));
  });

  it('goes back to awaiting hello when the boards cannot be read, leaving nothing joined, so hello may come again', async () => {
    let reads = 0;
    const { handshake, fanout, seen, state, clock } = connection({
      openBoards: async (boards) => {
        if (reads++ === 0) throw new Error('postgres is down');
        return boards.map((board) => ({ board, seq: 0 }));
      },
    });
    await expect(handshake.run(hello([{ board: 'x' }], { batch: true }))).rejects.toThrow('postgres is down');
    expect(state()).toBe(ConnectionState.AwaitingHello);
    expect(() => handshake.joinedStream('x')).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_BOARD' }));
    await fanout.publish(deletedEvent(1, { board: 'x' }));
    expect(seen).toEqual(['batching on', 'batching off']);

    await handshake.run(hello([{ board: 'x' }]));
    clock.advance(0);
    expect(state()).toBe(ConnectionState.Ready);
    expect(seen.slice(2)).toEqual(['welcome', 'presence x']);
    await expect(handshake.run(hello([{ board: 'x' }]))).rejects.toThrow(
      expect.objectContaining({ code: 'E_ALREADY_HELLO' }),
    );
  });

  it('starts nothing when the socket closed while the boards were read', async () => {
    let closeNow = () => {};
    const { handshake, host, fanout, seen, state, clock, close } = connection({
      openBoards: async (boards) => {
        closeNow();
        return boards.map((board) => ({ board, seq: 0 }));
      },
    });
    closeNow = close;
    await handshake.run(hello([{ board: 'x' }]));
    await fanout.publish(deletedEvent(1, { board: 'x' }));
    clock.advance(1000);
    expect(state()).toBe(ConnectionState.Closed);
    expect(seen).toEqual([]);
    expect(host.identity.member).toBeUndefined();
  });

  it("takes the user's shared bucket with auth required, gives it back on leave, and never in open mode", async () => {
    const identity: Identity = {
      member: { userId: 'u1', name: 'ann' },
      sessionId: 's1',
      expiresAt: 61_000,
      user: { id: 'u1', username: 'ann' },
    };
    const required = connection({ authMode: 'required', identifyAs: identity });
    await required.handshake.run(hello([{ board: 'x' }], { user: undefined, token: 't' }));
    expect(required.sent[0]).toMatchObject({ type: 'welcome', user: identity.user, expiresAt: 61_000 });
    const held = required.host.gate.userBucket;
    expect(held).toBeInstanceOf(TokenBucket);
    // A second connection of the same user on this replica shares the bucket.
    expect(required.userBuckets.acquire('u1')).toBe(held);
    required.userBuckets.release('u1');
    required.close();
    expect(required.host.gate.userBucket).toBeUndefined();
    // Released by its last holder, the bucket is gone: the next connection gets a fresh one.
    expect(required.userBuckets.acquire('u1')).not.toBe(held);

    const open = connection();
    await open.handshake.run(hello([{ board: 'x' }]));
    expect(open.host.gate.userBucket).toBeUndefined();
  });
});
