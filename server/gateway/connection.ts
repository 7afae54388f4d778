import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import type { MembershipStore } from '../auth/membership.ts';
import type { BoardEvent } from '../board/board-event.ts';
import type { BoardService } from '../board/board-service.ts';
import type { BoardId } from '../board/task.ts';
import type { TypingSignal } from '../bus/bus-envelope.ts';
import type { Fanout } from '../bus/fanout.ts';
import type { LiveEvent } from '../bus/live-event.ts';
import type { Clock } from '../clock.ts';
import type { AuthMode } from '../config.ts';
import { ERRORS, SwagError, toSwagError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { PresenceTracker, PresenceUpdate } from '../presence/presence-tracker.ts';
import type { BoardStreams, Subscriber, SubscriberStream } from '../stream/board-streams.ts';
import type { BatchFlusher } from './batch-flusher.ts';
import { ConnectionState } from './connection-state.ts';
import { sharedTypingFrame } from './event-frame.ts';
import { FrameIntake } from './frame-intake.ts';
import { HelloHandshake } from './hello-handshake.ts';
import { HeldIdentity, identify } from './identify.ts';
import { MessageDispatch, type DispatchHost } from './message-dispatch.ts';
import type { HelloMessage, ServerMessage } from './protocol.ts';
import { RateGate, type RateLimits } from './rate-gate.ts';
import { SocketSender } from './socket-sender.ts';
import { TokenBucket, type UserBuckets } from './token-bucket.ts';

export interface ConnectionLimits extends RateLimits {
  softQueueBytes: number;
  hardQueueBytes: number;
  resumeWindow: number;
}

export interface ConnectionDeps {
  service: BoardService;
  fanout: Fanout;
  streams: BoardStreams;
  metrics: Metrics;
  log: Logger;
  replica: string;
  maxFrameBytes: number;
  clock: Clock;
  authMode: AuthMode;
  auth: AuthService;
  membership: MembershipStore;
  presence: PresenceTracker;
  userBuckets: UserBuckets;
  limits: ConnectionLimits;
  /** The replica's one flusher of batched frames. */
  flusher: BatchFlusher;
}

/**
 * One client socket. Frames are handled one at a time, in arrival order, so acks come back in the
 * order commands were sent and nothing runs before hello has joined its boards. Each board's events
 * reach the client in seq order, without gaps or duplicates (its BoardStream); this renders them as frames.
 */
export class Connection implements Subscriber, DispatchHost {
  readonly id = randomUUID();
  private state = ConnectionState.AwaitingHello;
  private readonly log: Logger;
  private readonly out: SocketSender;
  private readonly gate: RateGate;
  private readonly intake: FrameIntake;
  readonly identity: HeldIdentity;
  private readonly dispatch: MessageDispatch;
  private readonly handshake: HelloHandshake;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.log = deps.log.child({ connectionId: this.id });
    const { limits } = deps;
    this.out = new SocketSender(
      socket,
      { ...limits, metrics: deps.metrics, flusher: deps.flusher, clock: deps.clock },
      this.log,
    );
    this.identity = new HeldIdentity(deps, () => {
      if (this.state === ConnectionState.Closed) return;
      deps.metrics.authFailures.inc({ reason: 'expired' });
      this.fail(new SwagError('E_AUTH', 'token expired; send auth.refresh with a fresh token before expiresAt'));
    });
    this.dispatch = new MessageDispatch(this, deps, this.log);
    this.gate = new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, deps.clock), limits);
    this.intake = new FrameIntake(
      {
        isClosed: () => this.state === ConnectionState.Closed,
        fail: (error, ref) => this.fail(error, ref),
        markClosed: () => (this.state = ConnectionState.Closed),
        pipelines: (message) => this.dispatch.pipelines(message),
        run: (message, receivedAt, validatedAt, previous) =>
          this.dispatch.run(message, receivedAt, validatedAt, previous),
      },
      { gate: this.gate, metrics: deps.metrics, maxFrameBytes: deps.maxFrameBytes, clock: deps.clock },
    );
    this.handshake = new HelloHandshake(
      {
        id: this.id,
        state: () => this.state,
        moveTo: (state) => (this.state = state),
        subscriber: this,
        identity: this.identity,
        gate: this.gate,
        out: this.out,
      },
      {
        ...deps,
        identify: (message, boards) => identify(deps, message, boards),
        openBoards: (boards) => deps.service.openBoards(boards),
        resumeWindow: limits.resumeWindow,
      },
      this.log,
    );
  }

  get ready(): boolean {
    return this.state === ConnectionState.Ready;
  }

  get queuedBytes(): number {
    return this.out.queuedBytes;
  }

  /** Frames go through the intake: rate limit on arrival, then one in-order chain of handling and replies. */
  receive(data: Buffer, isBinary: boolean): void {
    this.intake.receive(data, isBinary);
  }

  event(event: BoardEvent, live: LiveEvent | undefined): boolean {
    if (this.state === ConnectionState.Closed) return false;
    return this.out.event(event, live);
  }

  typing(signal: TypingSignal): void {
    if (signal.connectionId === this.id || this.state !== ConnectionState.Ready) return;
    this.out.sendRaw('typing', sharedTypingFrame(signal), { kind: 'droppable' });
  }

  reset(board: BoardId, seq: number): void {
    this.send({ type: 'reset', board, seq });
  }

  drained(): Promise<void> {
    return this.out.drained();
  }

  failed(board: BoardId, error: unknown): void {
    this.log.warn({ err: error, board }, 'catch-up from postgres failed; retried on the next event or resync');
    this.fail(toSwagError(error));
  }

  presence(board: BoardId, update: PresenceUpdate): void {
    this.out.sendRaw(update.type, update.frame, {
      kind: 'coalesced',
      key: `presence:${board}`,
      latest: () => this.deps.presence.snapshot(board),
    });
  }

  /** Closes with 4001 if this connection signed in through `sessionId`. */
  revoked(sessionId: string): void {
    if (!this.identity.signedInThrough(sessionId) || this.state === ConnectionState.Closed) return;
    this.deps.metrics.authFailures.inc({ reason: 'session_revoked' });
    this.fail(new SwagError('E_AUTH', 'session was signed out'));
  }

  sendPresence(board: BoardId): void {
    this.presence(board, this.deps.presence.snapshot(board));
  }

  flushEvents(): void {
    this.out.flushEvents();
  }

  /** Leaves every board; called once the socket closed. */
  closed(): void {
    this.state = ConnectionState.Closed;
    this.identity.release();
    this.handshake.leave();
    this.out.close();
  }

  /** Reports the error, then closes the socket if the catalogue says so. */
  fail(error: SwagError, ref?: string): void {
    this.deps.metrics.errors.inc({ code: error.code });
    const message: ServerMessage = { type: 'error', code: error.code, message: error.message };
    if (ref !== undefined) message.ref = ref;
    this.send(message);
    if (error.wsClose !== null) this.socket.close(error.wsClose, ERRORS[error.code].message);
  }

  /** The handshake, in this connection's reply order (see HelloHandshake). */
  hello(message: HelloMessage): Promise<void> {
    return this.handshake.run(message);
  }

  /** The stream of a board this connection joined in hello; E_UNKNOWN_BOARD otherwise. */
  joinedStream(board: BoardId): SubscriberStream {
    return this.handshake.joinedStream(board);
  }

  send(message: ServerMessage): void {
    this.out.send(message);
  }
}
