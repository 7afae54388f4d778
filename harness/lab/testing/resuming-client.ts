// A lab-test client that behaves as a well-made SwagBoard client does after a
// drop: it reconnects at once (then with short jittered backoff), gives up on
// an attempt not welcomed within `attemptTimeoutMs`, resumes from the last seq
// it holds, and writes down how each attempt ended, so a test can assert that
// no attempt met a 502 or hung on a dead replica, and that nothing was lost.
import WebSocket from 'ws';

export type AttemptOutcome = 'welcome' | 'hang' | 'refused' | 'closed-before-welcome' | `http-${number}`;

export interface Attempt {
  startedAt: number;
  endedAt: number;
  outcome: AttemptOutcome;
}

export interface ResumingClientOptions {
  user?: string;
  /** An attempt not welcomed within this many ms counts as a hang and is abandoned. */
  attemptTimeoutMs?: number;
}

export class ResumingClient {
  readonly attempts: Attempt[] = [];
  /** Welcome times of connections that followed a drop, with the time the client was caught up again. */
  readonly resumes: Array<{ droppedAt: number; welcomedAt: number; caughtUpAt?: number; replica: string }> = [];
  replica = '';
  duplicates = 0;
  private contiguous = 0;
  private readonly ahead = new Set<number>();
  private socket: WebSocket | undefined;
  private closedByUs = false;
  private droppedAt: number | undefined;
  private failures = 0;
  private catchUpTo: number | undefined;
  private connectionSeen = new Set<number>();

  private constructor(
    private readonly baseUrl: string,
    private readonly board: string,
    private readonly options: ResumingClientOptions,
  ) {}

  /** Connects and resolves once welcomed the first time. */
  static async start(baseUrl: string, board: string, options: ResumingClientOptions = {}): Promise<ResumingClient> {
    const client = new ResumingClient(baseUrl, board, options);
    await new Promise<void>((resolve, reject) => {
      client.connect(undefined, (outcome) =>
        outcome === 'welcome' ? resolve() : reject(new Error(`first connection: ${outcome}`)),
      );
    });
    return client;
  }

  /** The highest seq up to which the client holds every event. */
  get resumePoint(): number {
    return this.contiguous;
  }

  get connected(): boolean {
    return this.droppedAt === undefined && this.socket?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.terminate();
  }

  private connect(since: number | undefined, firstOutcome?: (outcome: AttemptOutcome) => void): void {
    const timeoutMs = this.options.attemptTimeoutMs ?? 1000;
    const startedAt = Date.now();
    const socket = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/ws`);
    this.socket = socket;
    let settled = false;
    let welcomed = false;
    const settle = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.attempts.push({ startedAt, endedAt: Date.now(), outcome });
      firstOutcome?.(outcome);
      if (outcome !== 'welcome') {
        socket.terminate();
        this.retry();
      }
    };
    const timer = setTimeout(() => settle('hang'), timeoutMs);
    socket.on('unexpected-response', (_request, response) => settle(`http-${response.statusCode ?? 0}`));
    socket.on('error', () => settle('refused'));
    socket.on('open', () => {
      this.connectionSeen = new Set();
      socket.send(
        JSON.stringify({
          type: 'hello',
          v: 1,
          user: this.options.user ?? 'failover-test',
          boards: [since === undefined ? { board: this.board } : { board: this.board, since }],
        }),
      );
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as {
        type: string;
        seq?: number;
        replica?: string;
        boards?: Array<{ board: string; seq: number }>;
      };
      if (frame.type === 'welcome') {
        this.replica = String(frame.replica);
        const seq = frame.boards?.find((b) => b.board === this.board)?.seq ?? 0;
        if (since === undefined && this.contiguous === 0) this.contiguous = seq;
        if (this.droppedAt !== undefined) {
          this.resumes.push({ droppedAt: this.droppedAt, welcomedAt: Date.now(), replica: this.replica });
          this.catchUpTo = seq;
          this.droppedAt = undefined;
          this.failures = 0;
        }
        welcomed = true;
        settle('welcome');
        this.checkCaughtUp();
      } else if (frame.type === 'event' && typeof frame.seq === 'number') {
        this.receive(frame.seq);
      }
    });
    socket.on('close', () => {
      if (!settled) return settle('closed-before-welcome');
      if (!welcomed || this.socket !== socket || this.closedByUs) return;
      this.droppedAt ??= Date.now();
      this.retry();
    });
  }

  private receive(seq: number): void {
    // Resuming from `contiguous`, anything at or below it (or twice on one connection) was sent for no reason.
    if (this.connectionSeen.has(seq) || seq <= this.contiguous) this.duplicates += 1;
    this.connectionSeen.add(seq);
    if (seq > this.contiguous) this.ahead.add(seq);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    this.checkCaughtUp();
  }

  private checkCaughtUp(): void {
    if (this.catchUpTo === undefined || this.contiguous < this.catchUpTo) return;
    const last = this.resumes[this.resumes.length - 1];
    if (last) last.caughtUpAt = Date.now();
    this.catchUpTo = undefined;
  }

  /** First retry at once (the next replica is likely fine), then jittered doubling from 100 ms, capped at 1 s. */
  private retry(): void {
    if (this.closedByUs) return;
    this.droppedAt ??= Date.now();
    const attempt = this.failures++;
    const ceiling = attempt === 0 ? 20 : Math.min(1000, 100 * 2 ** (attempt - 1));
    setTimeout(() => this.connect(this.contiguous), ceiling / 2 + (ceiling / 2) * Math.random());
  }
}

/** One fresh connection attempt, as a new client makes it: how it ended, within `timeoutMs`. */
export async function probeUpgrade(baseUrl: string, board: string, timeoutMs = 1000): Promise<AttemptOutcome> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  const outcome = await new Promise<AttemptOutcome>((resolve) => {
    const timer = setTimeout(() => resolve('hang'), timeoutMs);
    const done = (value: AttemptOutcome) => (clearTimeout(timer), resolve(value));
    socket.on('unexpected-response', (_request, response) => done(`http-${response.statusCode ?? 0}`));
    socket.on('error', () => done('refused'));
    socket.on('close', () => done('closed-before-welcome'));
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'hello', v: 1, user: 'failover-probe', boards: [{ board }] })),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'welcome') done('welcome');
    });
  });
  socket.terminate();
  return outcome;
}
