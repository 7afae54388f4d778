import type { BoardId } from '../board/task.ts';
import { SwagError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Subscriber, SubscriberStream } from '../stream/board-streams.ts';
import { ConnectionState } from './connection-state.ts';
import type { ConnectionDeps } from './connection.ts';
import type { HeldIdentity, Identity } from './identify.ts';
import { PROTOCOL_VERSION, type HelloMessage, type ServerMessage } from './protocol.ts';
import type { RateGate } from './rate-gate.ts';
import type { SocketSender } from './socket-sender.ts';

/** What the handshake needs from its connection: its state, and the parts hello sets up. */
export interface HandshakeHost {
  readonly id: string;
  state(): ConnectionState;
  moveTo(state: ConnectionState): void;
  /** Renders the joined boards' streams: the connection itself. */
  readonly subscriber: Subscriber;
  readonly identity: Pick<HeldIdentity, 'adopt' | 'member'>;
  /** Takes the user's bucket once signed in (auth required). */
  readonly gate: Pick<RateGate, 'userBucket'>;
  readonly out: Pick<SocketSender, 'send' | 'startBatching' | 'stopBatching'>;
}

export type HandshakeDeps = Pick<ConnectionDeps, 'streams' | 'authMode' | 'userBuckets' | 'replica' | 'metrics'> & {
  /** Who is saying hello (identify.ts). */
  identify(message: HelloMessage, boards: BoardId[]): Promise<Identity>;
  /** The boards' seqs, read once their streams joined the fan-out (BoardService.openBoards). */
  openBoards(boards: BoardId[]): Promise<{ board: BoardId; seq: number }[]>;
  /** Past this many events behind, a resume is a reset. */
  resumeWindow: number;
};

/**
 * A connection's hello and what it sets up: identify, join and read each board, welcome, then each board's
 * catch-up and presence; and, once the socket closed, the way out of all of it.
 */
export class HelloHandshake {
  private readonly streams = new Map<BoardId, SubscriberStream>();

  constructor(
    private readonly host: HandshakeHost,
    private readonly deps: HandshakeDeps,
    private readonly log: Logger,
  ) {}

  /** Identify, subscribe, read each board's seq, welcome, then catch-up and presence per board. */
  async run(message: HelloMessage): Promise<void> {
    const { host, deps } = this;
    if (host.state() !== ConnectionState.AwaitingHello) throw new SwagError('E_ALREADY_HELLO');
    host.moveTo(ConnectionState.Joining);
    if (message.batch === true) host.out.startBatching();
    const since = new Map<BoardId, number | undefined>();
    for (const entry of message.boards) since.set(entry.board, entry.since);
    const boards = [...since.keys()];
    let opened: { board: BoardId; seq: number }[];
    let identity: Identity;
    try {
      identity = await deps.identify(message, boards);
      for (const board of boards)
        this.streams.set(board, deps.streams.create(board, host.subscriber, deps.resumeWindow));
      opened = await deps.streams.open([...this.streams.values()], () => deps.openBoards(boards));
    } catch (error) {
      this.streams.clear();
      if (message.batch === true) host.out.stopBatching();
      if (host.state() === ConnectionState.Joining) host.moveTo(ConnectionState.AwaitingHello);
      throw error;
    }
    // Closed meanwhile (the socket, or a flood close that has not reached closed() yet): nothing is started.
    if (host.state() !== ConnectionState.Joining) return deps.streams.close(this.streams.values());
    host.moveTo(ConnectionState.Ready);
    host.identity.adopt(identity);
    if (deps.authMode === 'required') host.gate.userBucket = deps.userBuckets.acquire(identity.member.userId);
    this.log.debug({ user: identity.member.userId, boards }, 'hello accepted');
    const welcome: ServerMessage = {
      type: 'welcome',
      v: PROTOCOL_VERSION,
      replica: deps.replica,
      connectionId: host.id,
      boards: opened,
    };
    if (identity.user) welcome.user = identity.user;
    if (identity.expiresAt !== undefined) welcome.expiresAt = identity.expiresAt;
    host.out.send(welcome);
    for (const { board, seq } of opened) {
      const from = since.get(board);
      const outcome = deps.streams.start(this.streams.get(board) as SubscriberStream, identity.member, seq, from);
      if (outcome !== undefined && from !== undefined) deps.metrics.resumes.inc({ outcome });
    }
  }

  /** The stream of a board joined in hello; E_UNKNOWN_BOARD otherwise. */
  joinedStream(board: BoardId): SubscriberStream {
    const stream = this.streams.get(board);
    if (!stream)
      throw new SwagError('E_UNKNOWN_BOARD', `board ${board} is not joined on this connection; list it in hello`);
    return stream;
  }

  /** The socket closed: leaves every board (also one still joining) and gives back the user's bucket. */
  leave(): void {
    this.deps.streams.close(this.streams.values());
    this.streams.clear();
    const member = this.host.identity.member;
    if (this.host.gate.userBucket && member) this.deps.userBuckets.release(member.userId);
    this.host.gate.userBucket = undefined;
  }
}
