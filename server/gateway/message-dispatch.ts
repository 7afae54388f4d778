import { taskIdOf } from '../board/board-service.ts';
import type { BoardId } from '../board/task.ts';
import { TYPING_TTL_MS } from '../bus/bus-envelope.ts';
import { elapsedSeconds } from '../bus/hop-clock.ts';
import { SwagError, toSwagError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Member } from '../presence/presence-tracker.ts';
import type { BoardStream } from '../stream/board-stream.ts';
import { SpanKind, withSpan } from '../tracing.ts';
import { applyCommand } from './apply-command.ts';
import type { ConnectionDeps } from './connection.ts';
import type { HeldIdentity } from './identify.ts';
import type { ClientMessage, CommandMessage, HelloMessage, ServerMessage } from './protocol.ts';

/** What dispatch needs from its connection. */
export interface DispatchHost {
  readonly id: string;
  /** Hello accepted and boards joined. */
  readonly ready: boolean;
  readonly identity: HeldIdentity;
  /** The handshake (HelloHandshake), which sets up the connection's state. */
  hello(message: HelloMessage): Promise<void>;
  send(message: ServerMessage): void;
  fail(error: SwagError, ref?: string): void;
  /** The stream of a board joined in hello; E_UNKNOWN_BOARD otherwise. */
  joinedStream(board: BoardId): BoardStream;
  /** Writes any held batched events now. */
  flushEvents(): void;
  sendPresence(board: BoardId): void;
}

export type DispatchDeps = Pick<ConnectionDeps, 'service' | 'fanout' | 'metrics' | 'clock' | 'replica'>;

/** Handles one validated message of a connection and sends its reply (or error) in the connection's reply order. */
export class MessageDispatch {
  constructor(
    private readonly host: DispatchHost,
    private readonly deps: DispatchDeps,
    private readonly log: Logger,
  ) {}

  /**
   * A task command whose change is queued synchronously (no membership check first) need not wait for its commit
   * before the next frame: commands are still applied in arrival order, and every reply waits for the ones before it.
   */
  pipelines(message: ClientMessage): message is CommandMessage {
    if (!message.type.startsWith('task.') || !this.host.ready) return false;
    const assignee = 'assignee' in message ? message.assignee : undefined;
    return !this.deps.service.checksAssigneeFirst(assignee);
  }

  /** Handles one message; its reply (or error) goes out only after `previous` replies did. Never rejects. */
  async run(message: ClientMessage, receivedAt: number, validatedAt: number, previous: Promise<void>): Promise<void> {
    const ref = 'ref' in message ? message.ref : undefined;
    try {
      const attributes = () => ({
        'swagboard.connection_id': this.host.id,
        'swagboard.replica': this.deps.replica,
        ...('board' in message ? { 'swagboard.board': message.board } : {}),
      });
      await withSpan(`ws.message ${message.type}`, { kind: SpanKind.SERVER, attributes }, () =>
        this.dispatch(message, receivedAt, validatedAt, previous),
      );
    } catch (error) {
      await previous;
      const swagError = toSwagError(error);
      if (swagError.code === 'E_INTERNAL' || swagError.code === 'E_UNAVAILABLE')
        this.log.error({ err: error, type: message.type }, 'message handling failed');
      this.host.fail(swagError, ref);
    }
  }

  private async dispatch(
    message: ClientMessage,
    receivedAt: number,
    validatedAt: number,
    previous: Promise<void>,
  ): Promise<void> {
    if (message.type === 'ping') {
      this.host.send(
        message.ref === undefined
          ? { type: 'pong', at: this.deps.clock.now() }
          : { type: 'pong', ref: message.ref, at: this.deps.clock.now() },
      );
      return;
    }
    if (message.type === 'hello') return this.host.hello(message);
    if (!this.host.ready) throw new SwagError('E_HELLO_REQUIRED');
    switch (message.type) {
      case 'auth.refresh':
        return this.refresh(message.token, message.ref);
      case 'resync':
        return this.resync(message.board, message.since);
      case 'typing':
        return this.typing(message.board, message.taskId ?? null);
      case 'presence.get':
        this.host.joinedStream(message.board);
        return this.host.sendPresence(message.board);
      default:
        return this.command(message, receivedAt, validatedAt, previous);
    }
  }

  private async refresh(token: string, ref: string | undefined): Promise<void> {
    const expiresAt = await this.host.identity.refresh(token);
    const reply: ServerMessage = { type: 'auth.refreshed' };
    if (ref !== undefined) reply.ref = ref;
    if (expiresAt !== undefined) reply.expiresAt = expiresAt;
    this.host.send(reply);
  }

  private async resync(board: BoardId, since: number): Promise<void> {
    const stream = this.host.joinedStream(board);
    const latest = await this.deps.service.boardSeq(board);
    // The replay starts again below what is held: write the held run first, so each batch stays ascending.
    this.host.flushEvents();
    this.deps.metrics.resumes.inc({ outcome: stream.resync(latest, since) });
  }

  private async typing(board: BoardId, taskId: string | null): Promise<void> {
    this.host.joinedStream(board);
    const member = this.host.identity.member as Member;
    await this.deps.fanout.publishTyping({
      board,
      taskId,
      userId: member.userId,
      name: member.name,
      expiresAt: this.deps.clock.now() + TYPING_TTL_MS,
      connectionId: this.host.id,
    });
  }

  private async command(
    message: CommandMessage,
    receivedAt: number,
    validatedAt: number,
    previous: Promise<void>,
  ): Promise<void> {
    const { hops } = this.deps.metrics;
    hops.receiveValidate.observe(elapsedSeconds(receivedAt, validatedAt));
    this.host.joinedStream(message.board);
    const member = this.host.identity.member;
    const actor = member && { userId: member.userId, name: member.name };
    const event = await applyCommand(this.deps.service, message, actor);
    // Committed is when the service handed the event to Fanout.publish, right after Postgres; the bus publish follows.
    const committedAt = this.deps.fanout.committedAt(event);
    if (committedAt !== undefined) hops.validateCommit.observe(elapsedSeconds(validatedAt, committedAt));
    await previous;
    this.host.send({ type: 'ack', ref: message.ref, seq: event.seq, taskId: taskIdOf(event) });
  }
}
