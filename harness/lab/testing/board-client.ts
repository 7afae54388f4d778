// The lab's tests and traffic driver speak the SwagBoard protocol (server/PROTOCOL.md) through the server's own
// test client; this adds the lab's vocabulary: which replica answered, create a task, ping, wait for a task.
import { WsTestClient, type Frame } from '../../../server/testing/ws-test-client.ts';

export type { Frame };

export class BoardClient {
  private refs = 0;

  private constructor(
    private readonly client: WsTestClient,
    readonly replica: string,
  ) {}

  /** Connects to `${baseUrl}/ws`, says hello for `boards` and waits for the welcome. */
  static async join(
    baseUrl: string,
    boards: string[],
    { user = 'lab-test', timeoutMs = 5000 } = {},
  ): Promise<BoardClient> {
    const { client, welcome } = await WsTestClient.join(baseUrl, boards, user, {
      handshakeTimeoutMs: timeoutMs,
      tolerateErrors: true,
      welcomeTimeoutMs: timeoutMs,
    });
    return new BoardClient(client, String(welcome.replica));
  }

  get isOpen(): boolean {
    return this.client.isOpen;
  }

  send(frame: object): void {
    this.client.send(frame);
  }

  /** Creates a task; resolves with its ack. */
  async createTask(board: string, title: string, timeoutMs = 5000): Promise<Frame> {
    const ref = `c${++this.refs}`;
    this.send({ type: 'task.create', ref, board, title, column: 'todo', clientTs: Date.now() });
    const reply = await this.next((f) => f.ref === ref && (f.type === 'ack' || f.type === 'error'), timeoutMs);
    if (reply.type !== 'ack') throw new Error(`task.create failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** Round trip of one ping, in milliseconds. */
  async ping(timeoutMs = 5000): Promise<number> {
    const ref = `p${++this.refs}`;
    const started = performance.now();
    this.send({ type: 'ping', ref });
    await this.next((f) => f.type === 'pong' && f.ref === ref, timeoutMs);
    return performance.now() - started;
  }

  /** The first frame not yet taken that matches; takes it. */
  next(matches: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return this.client.next(matches, timeoutMs);
  }

  /** Resolves with the task.created event of `title`, or undefined when none came within the time. */
  async taskCreated(board: string, title: string, timeoutMs: number): Promise<Frame | undefined> {
    return this.next(
      (f) =>
        f.type === 'event' &&
        f.board === board &&
        f.name === 'task.created' &&
        (f.data as { task?: { title?: string } })?.task?.title === title,
      timeoutMs,
    ).catch(() => undefined);
  }

  close(): void {
    this.client.terminate();
  }
}

/** Joins until a client lands on `replica` (HAProxy decides), closing the others; bounded. */
export async function joinOn(baseUrl: string, replica: string, boards: string[], attempts = 12): Promise<BoardClient> {
  const others: BoardClient[] = [];
  try {
    for (let i = 0; i < attempts; i++) {
      const client = await BoardClient.join(baseUrl, boards);
      if (client.replica === replica) return client;
      others.push(client);
    }
  } finally {
    for (const other of others) other.close();
  }
  throw new Error(`no connection landed on ${replica} in ${attempts} attempts`);
}
