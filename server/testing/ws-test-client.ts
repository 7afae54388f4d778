import WebSocket from 'ws';
import { Inbox } from './inbox.ts';

export type Frame = Record<string, unknown> & { type: string };

/** How to connect: the lab's tests also bound the handshake, and expect faults to break the socket. */
export interface ConnectOptions {
  handshakeTimeoutMs?: number;
  /** Ignore socket errors after the open (a fault closing the socket is expected); `closed` still resolves. */
  tolerateErrors?: boolean;
}

/**
 * A protocol client for tests, the server's and the lab's (harness/lab/testing/board-client.ts adds the lab's
 * vocabulary on top): records every frame and waits for the ones a test expects.
 */
export class WsTestClient {
  private readonly inbox = new Inbox<Frame>('frame');
  /** Every frame received and not yet taken by `next`. */
  readonly frames = this.inbox.items;
  /** Per board, who is online (user id → name), kept from `presence` and `presence.delta` as a client would. */
  readonly online = new Map<string, Map<string, string>>();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.applyPresence(frame);
      this.inbox.push(frame);
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async connect(serverUrl: string, options: ConnectOptions = {}): Promise<WsTestClient> {
    const socket = new WebSocket(
      `${serverUrl.replace(/^http/, 'ws')}/ws`,
      options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeout: options.handshakeTimeoutMs },
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    if (options.tolerateErrors) socket.on('error', () => {});
    return new WsTestClient(socket);
  }

  /** Connects and says hello (with `batch` and per-board `since` when given); resolves with the welcome. */
  static async join(
    serverUrl: string,
    boards: string[],
    user = 'tester',
    options: ConnectOptions & { batch?: boolean; since?: Record<string, number>; welcomeTimeoutMs?: number } = {},
  ): Promise<{ client: WsTestClient; welcome: Frame }> {
    const client = await WsTestClient.connect(serverUrl, options);
    const entries = boards.map((board) =>
      options.since?.[board] === undefined ? { board } : { board, since: options.since[board] },
    );
    client.send({ type: 'hello', v: 1, user, boards: entries, ...(options.batch ? { batch: true } : {}) });
    const welcome = await client.next(
      (frame) => frame.type === 'welcome' || frame.type === 'error',
      options.welcomeTimeoutMs,
    );
    if (welcome.type !== 'welcome') throw new Error(`hello failed: ${JSON.stringify(welcome)}`);
    return { client, welcome };
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame not yet taken that matches; takes it. */
  next(matches: (frame: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    return this.inbox.take(matches, timeoutMs);
  }

  reply(ref: string, timeoutMs?: number): Promise<Frame> {
    return this.next(
      (frame) => frame.ref === ref && (frame.type === 'ack' || frame.type === 'error' || frame.type === 'pong'),
      timeoutMs,
    );
  }

  event(board: string, seq: number, timeoutMs?: number): Promise<Frame> {
    return this.next((frame) => frame.type === 'event' && frame.board === board && frame.seq === seq, timeoutMs);
  }

  /**
   * Seqs of the board's events received so far, in arrival order, from `event` frames and from the elements of
   * batched `events` frames alike (frames stay recorded).
   */
  seqs(board: string): number[] {
    const seqs: number[] = [];
    for (const frame of this.frames) {
      if (frame.type === 'event' && frame.board === board) seqs.push(frame.seq as number);
      if (frame.type === 'events' && frame.board === board)
        for (const event of frame.events as { seq: number }[]) seqs.push(event.seq);
    }
    return seqs;
  }

  /** Waits until the board's events up to `seq` have arrived (single or batched). */
  async until(board: string, seq: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.seqs(board).includes(seq)) {
      if (Date.now() > deadline)
        throw new Error(`no event ${seq} of ${board} within ${timeoutMs} ms; have ${JSON.stringify(this.seqs(board))}`);
      await this.inbox.changed(50);
    }
  }

  /** Names online on the board, sorted. */
  members(board: string): string[] {
    return [...(this.online.get(board)?.values() ?? [])].sort();
  }

  /** Stops reading from the TCP socket, so the server's writes pile up (a stalled client); `resumeReading` undoes it. */
  pauseReading(): void {
    (this.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.socket as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  /** Drops the connection at once, without a close handshake (a fault may have cut the link already). */
  terminate(): void {
    this.socket.terminate();
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)
      this.socket.close();
    await this.closed;
  }

  private applyPresence(frame: Frame): void {
    if (frame.type !== 'presence' && frame.type !== 'presence.delta') return;
    const board = String(frame.board);
    type Members = { userId: string; name: string }[];
    let online = this.online.get(board);
    if (!online || frame.type === 'presence') this.online.set(board, (online = new Map()));
    for (const member of (frame.left as Members | undefined) ?? []) online.delete(member.userId);
    for (const member of ((frame.members ?? frame.joined) as Members | undefined) ?? [])
      online.set(member.userId, member.name);
  }
}
