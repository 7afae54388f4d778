import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { AuthService } from "../auth/auth-service.ts";
import type { MembershipStore } from "../auth/membership.ts";
import type { BoardEvent } from "../board/board-event.ts";
import { taskIdOf, type BoardService } from "../board/board-service.ts";
import type { BoardId } from "../board/task.ts";
import { TYPING_TTL_MS, type TypingSignal } from "../bus/bus-envelope.ts";
import type { EventFrame } from "../bus/event-frame.ts";
import type { EventSink, Fanout } from "../bus/fanout.ts";
import { elapsedSeconds, monotonicMs } from "../bus/hop-clock.ts";
import type { AuthMode } from "../config.ts";
import { ERRORS, SwagError, toSwagError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { Member, PresenceSink, PresenceTracker, PresenceUpdate } from "../presence/presence-tracker.ts";
import { SpanKind, withSpan } from "../tracing.ts";
import type { BatchFlusher } from "./batch-flusher.ts";
import { BoardFeed, type CatchUpOutcome } from "./board-feed.ts";
import { EventWriter } from "./event-writer.ts";
import { OutboundQueue, type Delivery } from "./outbound-queue.ts";
import { frameRef, parseClientFrame, PROTOCOL_VERSION, typeLabel, type ClientMessage, type CommandMessage, type HelloMessage, type ServerMessage } from "./protocol.ts";
import { RateGate, type RateLimits } from "./rate-gate.ts";
import { TokenBucket, type UserBuckets } from "./token-bucket.ts";

export enum ConnectionState {
  AwaitingHello = "awaiting-hello",
  Joining = "joining",
  Ready = "ready",
  Closed = "closed",
}

/** A slow consumer that does not complete the close handshake is cut off after this long. */
const SLOW_CONSUMER_GRACE_MS = 1000;
/**
 * How long a flood close waits for the replies it owes before it closes anyway: longer than a batch may take to
 * commit or fail (5 s), so in practice every accepted command is answered before the close.
 */
const FLOOD_DRAIN_MS = 10_000;
/** Frames up to this multiple of the frame limit (what ws lets through) are read for their ref when refused. */
const MAX_REF_SCAN_FACTOR = 4;

export interface ConnectionLimits extends RateLimits {
  softQueueBytes: number;
  hardQueueBytes: number;
  resumeWindow: number;
}

export interface ConnectionDeps {
  service: BoardService;
  fanout: Fanout;
  metrics: Metrics;
  log: Logger;
  replica: string;
  maxFrameBytes: number;
  clock: () => number;
  authMode: AuthMode;
  auth: AuthService;
  membership: MembershipStore;
  presence: PresenceTracker;
  userBuckets: UserBuckets;
  limits: ConnectionLimits;
  /** The replica's one flusher of batched frames. */
  flusher: BatchFlusher;
}

/** ws send options for a shared, already encoded frame: it is text, not binary. */
const TEXT_FRAME = { binary: false } as const;

/**
 * One client socket. Frames are handled one at a time, in arrival order, so acks come back in the
 * order commands were sent and nothing runs before hello has joined its boards. Each board's events
 * reach the client in seq order, without gaps or duplicates (see BoardFeed).
 */
export class Connection implements EventSink, PresenceSink {
  readonly id = randomUUID();
  private state = ConnectionState.AwaitingHello;
  private readonly feeds = new Map<BoardId, BoardFeed>();
  private queue: Promise<void> = Promise.resolve();
  /** Settles once every reply owed so far has been sent: replies keep the order of the frames they answer. */
  private replies: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly outbound: OutboundQueue;
  private readonly gate: RateGate;
  /** Set once a frame tipped the connection into flooding: later frames are discarded unanswered. */
  private flooding = false;
  private member: Member | undefined;
  private sessionId: string | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly events: EventWriter;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.log = deps.log.child({ connectionId: this.id });
    const { limits } = deps;
    this.outbound = new OutboundQueue(
      {
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
        send: (frame, written) => (typeof frame === "string" ? socket.send(frame, written) : socket.send(frame, TEXT_FRAME, written)),
      },
      { softBytes: limits.softQueueBytes, hardBytes: limits.hardQueueBytes },
      deps.metrics,
      () => this.slowConsumer(),
    );
    this.events = new EventWriter(() => socket.readyState === socket.OPEN, this.outbound, deps.flusher, deps.metrics);
    this.gate = new RateGate(new TokenBucket(limits.ratePerSecond, limits.rateBurst, deps.clock), limits);
  }

  get currentState(): ConnectionState {
    return this.state;
  }

  get queuedBytes(): number {
    return this.outbound.queuedBytes;
  }

  /**
   * The rate limit judges each frame as it arrives; its verdict then takes the frame's place in the in-order chain,
   * so a refusal, like any reply, goes out after the replies to every earlier frame.
   */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.state === ConnectionState.Closed || this.flooding) return;
    // receive_validate starts here: waiting behind this connection's earlier frames is part of the hop.
    const receivedAt = monotonicMs();
    const verdict = this.gate.judge();
    if (verdict.kind === "accepted") {
      this.queue = this.queue.then(() => this.handleFrame(data, isBinary, receivedAt));
      return;
    }
    this.deps.metrics.rateLimited.inc({ scope: verdict.scope });
    if (verdict.kind === "refused") {
      this.queue = this.queue.then(() => this.refuse(verdict.error, data, isBinary));
      return;
    }
    this.closeWhenDrained(verdict.error, data, isBinary);
  }

  deliver(event: BoardEvent, frame: EventFrame): boolean {
    const feed = this.feeds.get(event.board);
    if (!feed || this.state === ConnectionState.Closed) return false;
    return feed.live(event, frame);
  }

  deliverTyping(signal: TypingSignal, frame: string): void {
    if (signal.connectionId === this.id || this.state !== ConnectionState.Ready) return;
    this.sendRaw("typing", frame, { kind: "droppable" });
  }

  presence(board: BoardId, update: PresenceUpdate): void {
    this.sendRaw(update.type, update.frame, { kind: "coalesced", key: `presence:${board}`, latest: () => this.deps.presence.snapshot(board) });
  }

  /** Closes with 4001 if this connection signed in through `sessionId`. */
  revoked(sessionId: string): void {
    if (this.sessionId !== sessionId || this.state === ConnectionState.Closed) return;
    this.deps.metrics.authFailures.inc({ reason: "session_revoked" });
    this.fail(new SwagError("E_AUTH", "session was signed out"));
  }

  /** Leaves every board; called once the socket closed. */
  closed(): void {
    this.state = ConnectionState.Closed;
    clearTimeout(this.expiryTimer);
    for (const board of this.feeds.keys()) {
      this.deps.fanout.leave(board, this);
      this.deps.presence.leave(board, this);
    }
    this.feeds.clear();
    this.events.close();
    if (this.gate.userBucket && this.member) this.deps.userBuckets.release(this.member.userId);
    this.gate.userBucket = undefined;
    this.outbound.close();
  }

  /** Reports the error, then closes the socket if the catalogue says so. */
  fail(error: SwagError, ref?: string): void {
    this.deps.metrics.errors.inc({ code: error.code });
    const message: ServerMessage = { type: "error", code: error.code, message: error.message };
    if (ref !== undefined) message.ref = ref;
    this.send(message);
    if (error.wsClose !== null) this.socket.close(error.wsClose, ERRORS[error.code].message);
  }

  private async refuse(error: SwagError, data: Buffer, isBinary: boolean): Promise<void> {
    await this.replies;
    if (this.state === ConnectionState.Closed) return;
    this.fail(error, this.refOf(data, isBinary));
  }

  /**
   * A flood close keeps every promise: frames accepted before it are still handled and answered, in order, then
   * the tipping frame gets E_FLOODING and the socket closes with 4029; frames after it are discarded unanswered
   * (never applied). The wait is bounded by FLOOD_DRAIN_MS.
   */
  private closeWhenDrained(error: SwagError, data: Buffer, isBinary: boolean): void {
    this.flooding = true;
    const ref = this.refOf(data, isBinary);
    const drained = this.queue.then(() => this.replies);
    this.queue = drained;
    let bound: NodeJS.Timeout | undefined;
    const boundReached = new Promise<void>((resolve) => (bound = setTimeout(resolve, FLOOD_DRAIN_MS).unref()));
    void Promise.race([drained, boundReached]).then(() => {
      clearTimeout(bound);
      if (this.state === ConnectionState.Closed) return;
      this.fail(error, ref);
      this.state = ConnectionState.Closed;
    });
  }

  /** The ref of a frame not otherwise parsed (refused, too large, flooding), when it can be read. */
  private refOf(data: Buffer, isBinary: boolean): string | undefined {
    return isBinary || data.length > this.deps.maxFrameBytes * MAX_REF_SCAN_FACTOR ? undefined : frameRef(data.toString("utf8"));
  }

  private async handleFrame(data: Buffer, isBinary: boolean, receivedAt: number): Promise<void> {
    if (this.state === ConnectionState.Closed) return;
    const { metrics } = this.deps;
    if (isBinary) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      await this.replies;
      return this.fail(new SwagError("E_BINARY_FRAME"));
    }
    if (data.length > this.deps.maxFrameBytes) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      await this.replies;
      return this.fail(new SwagError("E_FRAME_TOO_LARGE", `frame of ${data.length} bytes is larger than the limit of ${this.deps.maxFrameBytes} bytes`), this.refOf(data, false));
    }
    const parsed = parseClientFrame(data.toString("utf8"));
    if (!parsed.ok) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      await this.replies;
      return this.fail(parsed.error, parsed.ref);
    }
    const message = parsed.message;
    const validatedAt = monotonicMs();
    metrics.wsMessagesReceived.inc({ type: typeLabel(message.type) });
    const previous = this.replies;
    if (this.pipelines(message)) {
      // Queued for its board's group commit within this call; the next frame may go on while it commits.
      this.replies = this.run(message, receivedAt, validatedAt, previous);
      return;
    }
    await previous;
    await this.run(message, receivedAt, validatedAt, previous);
  }

  /**
   * A task command whose change is queued synchronously (no membership check first) need not wait for its commit
   * before the next frame: commands are still applied in arrival order, and every reply waits for the ones before it.
   */
  private pipelines(message: ClientMessage): message is CommandMessage {
    if (!message.type.startsWith("task.") || this.state !== ConnectionState.Ready) return false;
    const assignee = "assignee" in message ? message.assignee : undefined;
    return !this.deps.service.checksAssigneeFirst(assignee);
  }

  /** Handles one message; its reply (or error) goes out only after `previous` replies did. Never rejects. */
  private async run(message: ClientMessage, receivedAt: number, validatedAt: number, previous: Promise<void>): Promise<void> {
    const ref = "ref" in message ? message.ref : undefined;
    try {
      const attributes = () => ({ "swagboard.connection_id": this.id, "swagboard.replica": this.deps.replica, ...("board" in message ? { "swagboard.board": message.board } : {}) });
      await withSpan(`ws.message ${message.type}`, { kind: SpanKind.SERVER, attributes }, () => this.dispatch(message, receivedAt, validatedAt, previous));
    } catch (error) {
      await previous;
      const swagError = toSwagError(error);
      if (swagError.code === "E_INTERNAL" || swagError.code === "E_UNAVAILABLE") this.log.error({ err: error, type: message.type }, "message handling failed");
      this.fail(swagError, ref);
    }
  }

  private async dispatch(message: ClientMessage, receivedAt: number, validatedAt: number, previous: Promise<void>): Promise<void> {
    if (message.type === "ping") {
      this.send(message.ref === undefined ? { type: "pong", at: this.deps.clock() } : { type: "pong", ref: message.ref, at: this.deps.clock() });
      return;
    }
    if (message.type === "hello") return this.hello(message);
    if (this.state !== ConnectionState.Ready) throw new SwagError("E_HELLO_REQUIRED");
    switch (message.type) {
      case "auth.refresh":
        return this.refresh(message.token, message.ref);
      case "resync":
        return this.resync(message.board, message.since);
      case "typing":
        return this.typing(message.board, message.taskId ?? null);
      case "presence.get":
        return this.presenceRequest(message.board);
      default:
        return this.command(message, receivedAt, validatedAt, previous);
    }
  }

  private async hello(message: HelloMessage): Promise<void> {
    if (this.state !== ConnectionState.AwaitingHello) throw new SwagError("E_ALREADY_HELLO");
    this.state = ConnectionState.Joining;
    if (message.batch === true) this.events.startBatching();
    const since = new Map<BoardId, number | undefined>();
    for (const entry of message.boards) since.set(entry.board, entry.since);
    const boards = [...since.keys()];
    let opened: { board: BoardId; seq: number }[];
    let identity: { member: Member; sessionId?: string; expiresAt?: number; user?: { id: string; username: string } };
    try {
      identity = await this.identify(message, boards);
      for (const board of boards) this.feeds.set(board, this.feedFor(board));
      // Subscribe before reading seq: an event committed in between is then both counted and delivered, never lost.
      await Promise.all(boards.map((board) => this.deps.fanout.join(board, this)));
      opened = await this.deps.service.openBoards(boards);
    } catch (error) {
      for (const board of boards) this.deps.fanout.leave(board, this);
      this.feeds.clear();
      if (message.batch === true) this.events.stopBatching();
      if (this.state === ConnectionState.Joining) this.state = ConnectionState.AwaitingHello;
      throw error;
    }
    if (this.state !== ConnectionState.Joining) {
      for (const board of boards) this.deps.fanout.leave(board, this);
      return;
    }
    this.state = ConnectionState.Ready;
    this.member = identity.member;
    this.sessionId = identity.sessionId;
    if (identity.expiresAt !== undefined) this.expireAt(identity.expiresAt);
    if (this.deps.authMode === "required") this.gate.userBucket = this.deps.userBuckets.acquire(identity.member.userId);
    for (const { board, seq } of opened) this.deps.fanout.anchor(board, seq);
    this.log.debug({ user: identity.member.userId, boards }, "hello accepted");
    const welcome: ServerMessage = { type: "welcome", v: PROTOCOL_VERSION, replica: this.deps.replica, connectionId: this.id, boards: opened };
    if (identity.user) welcome.user = identity.user;
    if (identity.expiresAt !== undefined) welcome.expiresAt = identity.expiresAt;
    this.send(welcome);
    for (const { board, seq } of opened) {
      const from = since.get(board);
      const outcome = (this.feeds.get(board) as BoardFeed).start(seq, from);
      if (from !== undefined) this.countResume(outcome);
      this.deps.presence.join(board, this, identity.member);
    }
  }

  /** Who is saying hello: the token's user (auth required, and only to boards they belong to) or the claimed name (auth open). */
  private async identify(message: HelloMessage, boards: BoardId[]) {
    const { auth, authMode, membership } = this.deps;
    if (authMode === "open") {
      if (message.user === undefined) throw new SwagError("E_BAD_FRAME", 'field "user": required when the server runs with SWAGBOARD_AUTH=open');
      return { member: { userId: message.user, name: message.user } };
    }
    if (message.token === undefined) throw auth.failure("missing_token", 'field "token": required; get one from POST /api/auth/signin or /api/auth/token');
    const signedIn = await auth.authenticate(message.token);
    const forbidden = await membership.notMemberOf(signedIn.user.id, boards);
    if (forbidden.length > 0) throw new SwagError("E_FORBIDDEN", `you are not a member of board ${forbidden.join(", ")}`);
    return { member: { userId: signedIn.user.id, name: signedIn.user.username }, sessionId: signedIn.sessionId, expiresAt: signedIn.expiresAt, user: signedIn.user };
  }

  private feedFor(board: BoardId): BoardFeed {
    const { service, metrics, limits } = this.deps;
    return new BoardFeed({
      board,
      send: (event, frame) => this.events.send(event, frame),
      read: (after, limit) => service.readEvents(board, after, limit),
      ready: () => this.outbound.belowSoft(),
      reset: (seq) => {
        metrics.resets.inc();
        this.send({ type: "reset", board, seq });
      },
      window: limits.resumeWindow,
      onReplayed: (count) => metrics.replayedEvents.inc(count),
      failed: (error) => {
        this.log.warn({ err: error, board }, "catch-up from postgres failed; retried on the next event or resync");
        this.fail(toSwagError(error));
      },
    });
  }

  private countResume(outcome: CatchUpOutcome): void {
    this.deps.metrics.resumes.inc({ outcome });
  }

  private async refresh(token: string, ref: string | undefined): Promise<void> {
    const reply: ServerMessage = { type: "auth.refreshed" };
    if (ref !== undefined) reply.ref = ref;
    if (this.deps.authMode === "open") return this.send(reply);
    const signedIn = await this.deps.auth.authenticate(token);
    if (signedIn.user.id !== this.member?.userId) throw this.deps.auth.failure("wrong_user", "auth.refresh token belongs to another user");
    this.sessionId = signedIn.sessionId;
    this.expireAt(signedIn.expiresAt);
    reply.expiresAt = signedIn.expiresAt;
    this.send(reply);
  }

  private expireAt(expiresAt: number): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => {
        if (this.state === ConnectionState.Closed) return;
        this.deps.metrics.authFailures.inc({ reason: "expired" });
        this.fail(new SwagError("E_AUTH", "token expired; send auth.refresh with a fresh token before expiresAt"));
      },
      Math.max(0, expiresAt - this.deps.clock()),
    );
    this.expiryTimer.unref();
  }

  /** The feed of a board this connection joined in hello; E_UNKNOWN_BOARD otherwise. */
  private joinedFeed(board: BoardId): BoardFeed {
    const feed = this.feeds.get(board);
    if (!feed) throw new SwagError("E_UNKNOWN_BOARD", `board ${board} is not joined on this connection; list it in hello`);
    return feed;
  }

  private async resync(board: BoardId, since: number): Promise<void> {
    const feed = this.joinedFeed(board);
    const latest = await this.deps.service.boardSeq(board);
    // The replay starts again below what is held: write the held run first, so each batch stays ascending.
    this.events.flushBatch(true);
    this.countResume(feed.resync(latest, since));
  }

  private async typing(board: BoardId, taskId: string | null): Promise<void> {
    this.joinedFeed(board);
    const member = this.member as Member;
    await this.deps.fanout.publishTyping({ board, taskId, userId: member.userId, name: member.name, expiresAt: this.deps.clock() + TYPING_TTL_MS, connectionId: this.id });
  }

  private presenceRequest(board: BoardId): void {
    this.joinedFeed(board);
    this.presence(board, this.deps.presence.snapshot(board));
  }

  private async command(message: CommandMessage, receivedAt: number, validatedAt: number, previous: Promise<void>): Promise<void> {
    const { hops } = this.deps.metrics;
    hops.receiveValidate.observe(elapsedSeconds(receivedAt, validatedAt));
    this.joinedFeed(message.board);
    const { service } = this.deps;
    const actor = this.member && { userId: this.member.userId, name: this.member.name };
    const event = await (() => {
      switch (message.type) {
        case "task.create":
          return service.createTask(message.board, { title: message.title, column: message.column, tags: message.tags, assignee: message.assignee }, message.clientTs, actor);
        case "task.update": {
          const { title, notes, tags, assignee } = message;
          return service.updateTask(message.board, message.taskId, { title, notes, tags, assignee }, message.clientTs, actor);
        }
        case "task.move":
          return service.moveTask(message.board, message.taskId, { column: message.column, position: message.position }, message.clientTs, actor);
        case "task.delete":
          return service.deleteTask(message.board, message.taskId, message.clientTs, actor);
      }
    })();
    // Committed is when the service handed the event to Fanout.publish, right after Postgres; the bus publish follows.
    const committedAt = this.deps.fanout.committedAt(event);
    if (committedAt !== undefined) hops.validateCommit.observe(elapsedSeconds(validatedAt, committedAt));
    await previous;
    this.send({ type: "ack", ref: message.ref, seq: event.seq, taskId: taskIdOf(event) });
  }

  private slowConsumer(): void {
    this.log.info({ queuedBytes: this.outbound.queuedBytes }, "slow consumer; closing with 4008");
    this.deps.metrics.errors.inc({ code: "E_SLOW_CONSUMER" });
    this.socket.close(ERRORS.E_SLOW_CONSUMER.wsClose, ERRORS.E_SLOW_CONSUMER.message);
    setTimeout(() => this.socket.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
  }

  private send(message: ServerMessage): void {
    this.sendRaw(message.type, JSON.stringify(message));
  }

  private sendRaw(type: ServerMessage["type"], frame: string, delivery?: Delivery): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // Held events go first, so batching never reorders events against the other frames (acks, resets, presence).
    if (this.events.holding) this.events.flushBatch(true);
    if (this.outbound.send(type, frame, delivery)) this.deps.metrics.sent.add(type);
  }
}
