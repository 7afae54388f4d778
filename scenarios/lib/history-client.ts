// A `history` client: one user on one board, over as many connections as it
// takes. It always joins with `since` (0 at first), so it holds the board
// from seq 1; it records each command it sends and how it was answered, each
// event it receives (repeats and gaps included: the checker judges them), and
// each replica that welcomed it. A command in flight when the socket drops is
// recorded unanswered: it may or may not have committed. No retries, so every
// command is applied at most once by an honest server.
import { clearTimeout, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { changeRecord, type ClientHistory, type OpKind, type OpRecord } from './history-log.ts';
import { LiveBoard } from './live-board.ts';
import {
  FINAL_CLOSE_CODES,
  gatewayUrl,
  unbatch,
  type Ack,
  type BoardEvent,
  type EventsFrame,
  type ServerError,
  type Welcome,
} from './protocol.ts';

export interface HistoryClientOptions {
  connectTimeoutMs: number;
  backoff: BackoffPolicy;
  /** Called for every event applied (not for repeats), every ack and every error, for metrics. */
  onEvent?: (event: BoardEvent) => void;
  onAnswer?: (op: OpRecord) => void;
  onWelcome?: (replica: string, reconnect: boolean) => void;
}

export class HistoryClient {
  readonly history: ClientHistory;
  readonly board = new LiveBoard();
  lastSeq = 0;
  private socket: WebSocket | undefined;
  private welcomed = false;
  private closedByUs = false;
  private attempts = 0;
  private nextRef = 0;
  private lastClientTs = 0;
  private readonly inFlight = new Map<string, OpRecord>();
  private readonly url: string;

  constructor(
    baseUrl: string,
    readonly user: string,
    readonly boardId: string,
    private readonly options: HistoryClientOptions,
  ) {
    this.url = gatewayUrl(baseUrl);
    this.history = { client: user, board: boardId, replicas: [], ops: [], events: [], resets: 0 };
    this.connect();
  }

  get ready(): boolean {
    return this.welcomed && this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Sends one command of `kind` on a random task and place; false when not connected or nothing to act on. */
  act(kind: OpKind, random: () => number): boolean {
    if (!this.ready) return false;
    const ref = `r${++this.nextRef}`;
    // Unique per client and close to the clock: (user, clientTs) names this command in the log.
    const clientTs = (this.lastClientTs = Math.max(Date.now(), this.lastClientTs + 1));
    const op: OpRecord = { ref, kind, clientTs, outcome: 'unanswered' };
    const frame: Record<string, unknown> = { type: `task.${kind}`, ref, board: this.boardId, clientTs };
    if (kind === 'create') {
      op.column = frame.column = this.board.anyPlace(random).column;
      op.title = frame.title = `${this.user} #${this.nextRef}`;
    } else {
      const taskId = this.board.anyTask(random);
      if (taskId === undefined) return false;
      op.taskId = frame.taskId = taskId;
      if (kind === 'update') op.title = frame.title = `${this.user} #${this.nextRef}`;
      if (kind === 'move') {
        const place = this.board.anyPlace(random);
        op.column = frame.column = place.column;
        op.position = frame.position = place.position;
      }
    }
    this.history.ops.push(op);
    this.inFlight.set(ref, op);
    this.socket?.send(JSON.stringify(frame));
    return true;
  }

  /** Ends the session: no reconnect after this. */
  close(): void {
    this.closedByUs = true;
    this.socket?.close();
  }

  private connect(): void {
    const socket = new WebSocket(this.url, null, { tags: { group: 'history' } });
    this.socket = socket;
    this.welcomed = false;
    socket.onopen = () =>
      socket.send(
        JSON.stringify({
          type: 'hello',
          v: 1,
          user: this.user,
          boards: [{ board: this.boardId, since: this.lastSeq }],
        }),
      );
    socket.onmessage = (message) => this.onMessage(String(message?.data));
    const giveUp = setTimeout(() => {
      if (this.socket === socket && !this.welcomed) socket.close();
    }, this.options.connectTimeoutMs);
    socket.addEventListener('close', (event) => {
      clearTimeout(giveUp);
      if (this.socket !== socket) return;
      // Whatever was in flight stays unanswered: it may or may not have committed.
      this.inFlight.clear();
      const code = (event as { code?: unknown } | undefined)?.code;
      if (this.closedByUs || (typeof code === 'number' && FINAL_CLOSE_CODES.includes(code))) return;
      this.attempts += 1;
      if (this.attempts > this.options.backoff.maxAttempts) return;
      setTimeout(
        () => {
          if (!this.closedByUs) this.connect();
        },
        backoffDelay(this.attempts, this.options.backoff),
      );
    });
  }

  private onMessage(data: string): void {
    const msg = JSON.parse(data) as { type: string };
    switch (msg.type) {
      case 'welcome': {
        const welcome = msg as Welcome;
        this.welcomed = true;
        this.attempts = 0;
        this.history.replicas.push(welcome.replica);
        return this.options.onWelcome?.(welcome.replica, this.history.replicas.length > 1);
      }
      case 'event':
        return this.receive(msg as BoardEvent);
      case 'events':
        for (const event of unbatch(msg as EventsFrame)) this.receive(event);
        return;
      case 'reset':
        this.history.resets += 1;
        return;
      case 'ack': {
        const ack = msg as Ack & { taskId?: string };
        return this.answer(ack.ref, { ack: ack.seq, taskId: String(ack.taskId) });
      }
      case 'error': {
        const error = msg as ServerError;
        if (error.ref !== undefined) this.answer(error.ref, { error: error.code });
        return;
      }
    }
  }

  private answer(ref: string, outcome: OpRecord['outcome']): void {
    const op = this.inFlight.get(ref);
    if (!op) return;
    this.inFlight.delete(ref);
    op.outcome = outcome;
    this.options.onAnswer?.(op);
  }

  private receive(event: BoardEvent): void {
    if (event.board !== this.boardId) return;
    const change = changeRecord(event as BoardEvent & { actor?: { name?: string } });
    this.history.events.push(change);
    if (change.seq <= this.lastSeq) return; // a repeat: recorded for the checker, not applied twice
    this.lastSeq = change.seq;
    this.board.apply(change);
    this.options.onEvent?.(event);
  }
}
