// A k6 client for SwagBoard's WebSocket protocol, built on k6/websockets:
// hello/welcome, commands, and — when `reconnect` is on — reconnecting with
// exponential backoff and jitter, resuming each board from the last seq it
// holds (`hello.boards[].since`) and accounting every seq (lost, duplicated).
// Every write it sends is timed to its ack (`swag_ack_latency`); a write the
// server refuses with E_BOARD_BUSY is back-off, not loss (`swag_writes_refused`,
// never an error), retried after a short jittered delay only when asked.
import { Counter, Trend } from 'k6/metrics';
import { WebSocket } from 'k6/websockets';
import { clearTimeout, setTimeout } from 'k6/timers';
import {
  backoffDelay,
  connectTimeoutAfter,
  DEFAULT_BACKOFF,
  RECONNECTING_CONNECT_TIMEOUT_MS,
  SINGLE_CONNECT_TIMEOUT_MS,
  type BackoffPolicy,
} from './backoff.ts';
import { PendingWrites, type PendingWrite } from './pending-writes.ts';
import {
  applyPresence,
  BOARD_BUSY,
  FINAL_CLOSE_CODES,
  gatewayUrl,
  unbatch,
  type Ack,
  type BoardEvent,
  type EventsFrame,
  type Member,
  type Presence,
  type PresenceDelta,
  type ServerError,
  type ServerMessage,
  type Typing,
  type Welcome,
} from './protocol.ts';
import { SeqLedger } from './seq-ledger.ts';

export * from './protocol.ts';
export { SeqLedger } from './seq-ledger.ts';
export { backoffDelay, connectTimeoutAfter, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
export type { PendingWrite } from './pending-writes.ts';

/** Send → ack of every WebSocket write, ms, tagged with the session's and the write's tags. */
export const ackLatency = new Trend('swag_ack_latency', true);
/** Writes the server refused with E_BOARD_BUSY (each refusal, retried or not). */
export const writesRefused = new Counter('swag_writes_refused');

/** A connection drop and how the session came back from it. */
export interface Recovery {
  /** Close code of the dropped connection (1006 when the socket just died). */
  code: number;
  /** Replica the session was on, and the one it came back on. */
  from: string;
  to: string;
  /** Drop → welcome on a new connection, ms. */
  reconnectMs: number;
  /** Connection attempts it took. */
  attempts: number;
}

/** A reconnected session caught up: it holds every seq up to its new welcome's. */
export interface Resumption extends Recovery {
  /** Drop → caught up, ms. */
  resumedMs: number;
  /** Events the new connection delivered with seq ≤ its welcome's seq. */
  replayed: number;
}

export interface SessionHandlers {
  onWelcome?: (welcome: Welcome) => void;
  /** `kind` is the ledger's classification when reconnect accounting is on, else 'new'. */
  onEvent?: (event: BoardEvent, kind: 'new' | 'duplicate' | 'redelivered' | 'before-baseline') => void;
  /** `write` is the write it answers (with its tags), `latencyMs` its first send → this ack. */
  onAck?: (ack: Ack, write?: PendingWrite, latencyMs?: number) => void;
  /** Errors other than E_BOARD_BUSY refusals (those go to onRefused). `write` is set when it answers one of ours. */
  onError?: (error: ServerError, write?: PendingWrite) => void;
  /** A write refused with E_BOARD_BUSY; `retrying` when the session will send it again. */
  onRefused?: (write: PendingWrite, retrying: boolean) => void;
  onPresence?: (presence: Presence) => void;
  onTyping?: (typing: Typing) => void;
  /** Every close the session did not ask for (its own close() is not one), including those followed by a reconnect; `first` is false for failed reconnect attempts. */
  onDrop?: (info: { code: number; replica: string; willReconnect: boolean; first: boolean }) => void;
  /** Welcomed again after a drop. */
  onReconnected?: (recovery: Recovery) => void;
  /** Caught up after a reconnect (needs the server to replay from `since`). */
  onResumed?: (resumption: Resumption) => void;
  /** The session is over: closed by us, a final close code, or out of reconnect attempts. */
  onClose?: (code: number) => void;
}

export interface SessionOptions {
  /** Reconnect after unexpected closes, resuming from the ledger. Default false (one connection). */
  reconnect?: boolean | Partial<BackoffPolicy>;
  /** Send `since` on reconnect (default true when reconnecting). */
  resume?: boolean;
  /** Sign-in token for servers with SWAGBOARD_AUTH=required. */
  token?: string;
  /** Tags on the k6 WebSocket metrics of this session. */
  tags?: Record<string, string>;
  /**
   * Give up on a connection attempt not welcomed within this many ms (default 1000 when reconnecting,
   * doubled after each attempt that timed out, up to 5000; else 5000). A proxy may hold an upgrade to a
   * dead replica open for its whole server timeout; a real client moves on.
   */
  connectTimeoutMs?: number;
  /** Ask for batched delivery (`"batch": true` in hello); `events` frames are handled like single events. */
  batch?: boolean;
  /** Send a refused (E_BOARD_BUSY) write again after a short jittered delay. Default: no retry. */
  retryRefused?: Partial<BackoffPolicy>;
}

/** Retry of refused writes: short, jittered, few. */
export const DEFAULT_REFUSED_RETRY: BackoffPolicy = {
  firstMs: 50,
  baseMs: 50,
  maxMs: 1000,
  jitter: 0.5,
  maxAttempts: 3,
};

/** One client of a SwagBoard gateway, joined to some boards, across as many connections as it takes. */
export class SwagSession {
  socket: WebSocket;
  replica = '';
  readonly ledgers: Record<string, SeqLedger> = {};
  /** Writes sent and not yet answered; a scenario may take the overdue ones to count them unacked. */
  readonly pendingWrites = new PendingWrites();
  reconnects = 0;
  private nextRef = 0;
  private welcomed = false;
  private clearConnectTimer: () => void = () => {};
  /** Each board's member list, kept from full lists and deltas. */
  private readonly members: Record<string, Member[]> = {};
  private closedByUs = false;
  private lastErrorCode = '';
  private readonly url: string;
  private readonly backoff: BackoffPolicy | undefined;
  private readonly refusedRetry: BackoffPolicy | undefined;
  private readonly connectTimeoutMs: number;
  /** Attempts in a row that were not welcomed in time; reset by a welcome. */
  private timedOutAttempts = 0;
  private pending: { droppedAt: number; code: number; from: string; attempts: number } | undefined;
  private catchUp: { welcomeSeq: Record<string, number>; replayed: number; recovery: Recovery } | undefined;

  constructor(
    baseUrl: string,
    readonly user: string,
    readonly boards: string[],
    private readonly handlers: SessionHandlers,
    private readonly options: SessionOptions = {},
  ) {
    this.url = gatewayUrl(baseUrl);
    this.backoff = options.reconnect
      ? { ...DEFAULT_BACKOFF, ...(options.reconnect === true ? {} : options.reconnect) }
      : undefined;
    this.refusedRetry = options.retryRefused ? { ...DEFAULT_REFUSED_RETRY, ...options.retryRefused } : undefined;
    this.connectTimeoutMs =
      options.connectTimeoutMs ?? (this.backoff ? RECONNECTING_CONNECT_TIMEOUT_MS : SINGLE_CONNECT_TIMEOUT_MS);
    for (const board of boards) this.ledgers[board] = new SeqLedger();
    this.socket = this.connect();
  }

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN; // instance constant: not every k6 has WebSocket.OPEN
  }

  /** Dropped and not yet caught up (reconnecting, or welcomed but missing events). */
  get recovering(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Creates a task; the resulting event carries clientTs, the sender's clock, for latency. `tags` go on
   * this write's ack latency and refusal samples. Returns the ref, or '' when not connected (not sent).
   */
  createTask(board: string, title: string, column = 'todo', tags: Record<string, string> = {}): string {
    const ref = `r${++this.nextRef}`;
    const sentAt = Date.now();
    const message = { type: 'task.create', ref, board, title, column, clientTs: sentAt };
    if (!this.send(message)) return '';
    this.pendingWrites.add({ ref, sentAt, tags: { ...this.options.tags, ...tags }, message, attempts: 1 });
    return ref;
  }

  /** Tells the others on `board` this user is typing. */
  typing(board: string): void {
    this.send({ type: 'typing', board });
  }

  ping(): void {
    this.send({ type: 'ping', ref: `p${++this.nextRef}` });
  }

  /** Ends the session: no reconnect after this. */
  close(): void {
    this.closedByUs = true;
    this.socket.close();
  }

  /** Sends if connected; while reconnecting, commands are dropped (and false returned). */
  send(message: Record<string, unknown>): boolean {
    if (!this.open) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private connect(since?: Record<string, number>): WebSocket {
    const socket = new WebSocket(this.url, null, this.options.tags ? { tags: this.options.tags } : undefined);
    socket.onopen = () => {
      const boards = this.boards.map((board) =>
        since && since[board] !== undefined ? { board, since: since[board] } : { board },
      );
      socket.send(
        JSON.stringify({
          type: 'hello',
          v: 1,
          user: this.user,
          boards,
          ...(this.options.token ? { token: this.options.token } : {}),
          ...(this.options.batch ? { batch: true } : {}),
        }),
      );
    };
    socket.onmessage = (message) => this.onMessage(String(message?.data), since);
    const patienceMs = this.backoff
      ? connectTimeoutAfter(this.timedOutAttempts, this.connectTimeoutMs)
      : this.connectTimeoutMs;
    let abandoned = false;
    const giveUp = setTimeout(() => {
      if (this.socket !== socket || this.welcomed) return;
      this.timedOutAttempts += 1;
      abandoned = true;
      socket.close();
    }, patienceMs);
    this.welcomed = false;
    socket.addEventListener('close', (event) => {
      clearTimeout(giveUp);
      // Our own close of an attempt never welcomed may read as a normal 1000: it must not end the session.
      this.onClosed(socket, abandoned ? CLOSE_CONNECT_TIMEOUT : closeCode(event, this.lastErrorCode));
    });
    this.clearConnectTimer = () => clearTimeout(giveUp);
    return socket;
  }

  private onMessage(data: string, since: Record<string, number> | undefined): void {
    const msg = JSON.parse(data) as ServerMessage;
    switch (msg.type) {
      case 'welcome':
        return this.onWelcomed(msg as Welcome, since);
      case 'event':
        return this.receiveEvent(msg as BoardEvent);
      case 'events':
        for (const event of unbatch(msg as EventsFrame)) this.receiveEvent(event);
        return;
      case 'ack':
        return this.onAcked(msg as Ack);
      case 'error':
        return this.onServerError(msg as ServerError);
      case 'presence':
      case 'presence.delta': {
        // Handlers always see the whole list, whichever form the server sent.
        const update = msg as Presence | PresenceDelta;
        const members = applyPresence(this.members[update.board] ?? [], update);
        this.members[update.board] = members;
        return this.handlers.onPresence?.({ type: 'presence', board: update.board, members });
      }
      case 'typing':
        return this.handlers.onTyping?.(msg as Typing);
    }
  }

  private receiveEvent(event: BoardEvent): void {
    const ledger = this.ledgers[event.board];
    const kind = ledger ? ledger.receive(event.seq) : 'new';
    if (this.catchUp && event.seq <= (this.catchUp.welcomeSeq[event.board] ?? 0)) this.catchUp.replayed += 1;
    this.handlers.onEvent?.(event, kind);
    this.checkCaughtUp();
  }

  private onAcked(ack: Ack): void {
    const write = this.pendingWrites.settle(ack.ref);
    if (!write) return this.handlers.onAck?.(ack);
    const latencyMs = Date.now() - write.sentAt;
    ackLatency.add(latencyMs, write.tags);
    this.handlers.onAck?.(ack, write, latencyMs);
  }

  private onServerError(error: ServerError): void {
    if (error.code !== BOARD_BUSY) {
      this.lastErrorCode = error.code;
      return this.handlers.onError?.(error, this.pendingWrites.settle(error.ref));
    }
    const write = this.pendingWrites.get(error.ref);
    if (!write) return; // a refusal of something we no longer wait for (already counted as unacked)
    writesRefused.add(1, write.tags);
    const retry = this.refusedRetry;
    const retrying = retry !== undefined && write.attempts <= retry.maxAttempts;
    if (!retrying) this.pendingWrites.settle(write.ref);
    this.handlers.onRefused?.(write, retrying);
    if (!retrying) return;
    setTimeout(
      () => {
        // Still waited for (not taken as unacked meanwhile) and still connected: send it again.
        if (this.pendingWrites.get(write.ref) !== write) return;
        write.attempts += 1;
        if (!this.send(write.message)) this.pendingWrites.settle(write.ref);
      },
      backoffDelay(write.attempts, retry),
    );
  }

  private onWelcomed(welcome: Welcome, since: Record<string, number> | undefined): void {
    this.welcomed = true;
    this.timedOutAttempts = 0;
    this.clearConnectTimer();
    this.replica = welcome.replica;
    this.lastErrorCode = '';
    for (const { board, seq } of welcome.boards) this.ledgers[board]?.connected(seq, since?.[board]);
    const pending = this.pending;
    let recovery: Recovery | undefined;
    if (pending) {
      recovery = {
        code: pending.code,
        from: pending.from,
        to: welcome.replica,
        reconnectMs: Date.now() - pending.droppedAt,
        attempts: pending.attempts,
      };
      this.catchUp = {
        welcomeSeq: Object.fromEntries(welcome.boards.map((b) => [b.board, b.seq])),
        replayed: 0,
        recovery,
      };
    }
    this.handlers.onWelcome?.(welcome);
    if (recovery) this.handlers.onReconnected?.(recovery);
    this.checkCaughtUp();
  }

  private checkCaughtUp(): void {
    const pending = this.pending;
    const catchUp = this.catchUp;
    if (!pending || !catchUp) return;
    for (const board of this.boards) {
      if ((this.ledgers[board]?.resumePoint() ?? 0) < (catchUp.welcomeSeq[board] ?? 0)) return;
    }
    this.pending = undefined;
    this.catchUp = undefined;
    this.handlers.onResumed?.({
      ...catchUp.recovery,
      resumedMs: Date.now() - pending.droppedAt,
      replayed: catchUp.replayed,
    });
  }

  private onClosed(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    // Our own close() ends the session; it is not a drop.
    if (this.closedByUs) return this.handlers.onClose?.(code);
    const willReconnect = this.backoff !== undefined && !FINAL_CLOSE_CODES.includes(code);
    this.handlers.onDrop?.({
      code,
      replica: this.replica,
      willReconnect,
      first: this.pending === undefined || this.catchUp !== undefined,
    });
    if (!willReconnect) return this.handlers.onClose?.(code);
    // Failed attempts keep the drop's clock; a drop after a new welcome starts a new recovery.
    if (this.catchUp) this.pending = undefined;
    this.pending ??= { droppedAt: Date.now(), code, from: this.replica, attempts: 0 };
    this.catchUp = undefined;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const pending = this.pending;
    const backoff = this.backoff;
    if (!pending || !backoff) return;
    pending.attempts += 1;
    if (pending.attempts > backoff.maxAttempts) return this.handlers.onClose?.(CLOSE_GAVE_UP);
    setTimeout(
      () => {
        if (this.closedByUs) return this.handlers.onClose?.(1000);
        this.reconnects += 1;
        const resume = this.options.resume ?? true;
        const since = resume
          ? Object.fromEntries(this.boards.map((b) => [b, this.ledgers[b]?.resumePoint() ?? 0]))
          : undefined;
        this.socket = this.connect(since);
      },
      backoffDelay(pending.attempts, backoff),
    );
  }
}

/** Reported by onClose when reconnect attempts ran out. */
export const CLOSE_GAVE_UP = 4999;
/** Reported as the close code of an attempt the client abandoned because no welcome came in time. */
export const CLOSE_CONNECT_TIMEOUT = 4998;

/** k6 documents no fields on the close event; use its code when present, else infer from the last error frame. */
function closeCode(event: unknown, lastErrorCode: string): number {
  const code = (event as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number' && code > 0) return code;
  if (lastErrorCode === 'E_SLOW_CONSUMER') return 4008;
  if (lastErrorCode === 'E_SHUTTING_DOWN') return 1001;
  return 1006;
}
