// A tiny SwagBoard protocol client for the lab's own tests and traffic driver
// (server/PROTOCOL.md): join boards, create tasks, ping, wait for frames.
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

export class BoardClient {
  readonly frames: Frame[] = [];
  replica = '';
  private waiters = new Set<() => void>();
  private refs = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects to `${baseUrl}/ws`, says hello for `boards` and waits for the welcome. */
  static async join(baseUrl: string, boards: string[], { user = 'lab-test', timeoutMs = 5000 } = {}): Promise<BoardClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { handshakeTimeout: timeoutMs });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new BoardClient(socket);
    socket.on('error', () => {}); // a fault closing the socket is expected in these tests
    client.send({ type: 'hello', v: 1, user, boards: boards.map((board) => ({ board })) });
    const welcome = await client.next((f) => f.type === 'welcome' || f.type === 'error', timeoutMs);
    if (welcome.type !== 'welcome') throw new Error(`hello failed: ${JSON.stringify(welcome)}`);
    client.replica = String(welcome.replica);
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
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
  async next(matches: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(matches);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Resolves with the task.created event of `title`, or undefined when none came within the time. */
  async taskCreated(board: string, title: string, timeoutMs: number): Promise<Frame | undefined> {
    return this.next((f) => f.type === 'event' && f.board === board && f.name === 'task.created' && (f.data as { task?: { title?: string } })?.task?.title === title, timeoutMs).catch(() => undefined);
  }

  close(): void {
    this.socket.terminate();
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
