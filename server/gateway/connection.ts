import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { BoardEvent } from "../board/board-event.ts";
import { taskIdOf, type BoardService } from "../board/board-service.ts";
import type { BoardId } from "../board/task.ts";
import type { EventSink, Fanout } from "../bus/fanout.ts";
import { ERRORS, SwagError, toSwagError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { SpanKind, withSpan } from "../tracing.ts";
import { parseClientFrame, PROTOCOL_VERSION, typeLabel, type ClientMessage, type CommandMessage, type HelloMessage, type ServerMessage } from "./protocol.ts";

export enum ConnectionState {
  AwaitingHello = "awaiting-hello",
  Joining = "joining",
  Ready = "ready",
  Closed = "closed",
}

export interface ConnectionDeps {
  service: BoardService;
  fanout: Fanout;
  metrics: Metrics;
  log: Logger;
  replica: string;
  maxFrameBytes: number;
  clock: () => number;
}

/**
 * One client socket. Frames are handled one at a time, in arrival order, so acks come back in the
 * order commands were sent and nothing runs before hello has joined its boards.
 */
export class Connection implements EventSink {
  readonly id = randomUUID();
  private state = ConnectionState.AwaitingHello;
  /** Seq each board had at welcome; older events are already reflected in what the client reads. */
  private readonly joined = new Map<BoardId, number>();
  private queue: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.log = deps.log.child({ connectionId: this.id });
  }

  get currentState(): ConnectionState {
    return this.state;
  }

  receive(data: Buffer, isBinary: boolean): void {
    this.queue = this.queue.then(() => this.handleFrame(data, isBinary));
  }

  deliver(event: BoardEvent, frame: string): void {
    const welcomeSeq = this.joined.get(event.board);
    if (welcomeSeq === undefined || event.seq <= welcomeSeq || this.state === ConnectionState.Closed) return;
    this.sendRaw("event", frame);
    this.deps.metrics.fanoutLatency.observe(Math.max(0, this.deps.clock() - event.at) / 1000);
  }

  /** Leaves every board; called once the socket closed. */
  closed(): void {
    this.state = ConnectionState.Closed;
    for (const board of this.joined.keys()) this.deps.fanout.leave(board, this);
    this.joined.clear();
  }

  /** Reports the error, then closes the socket if the catalogue says so. */
  fail(error: SwagError, ref?: string): void {
    this.deps.metrics.errors.inc({ code: error.code });
    const message: ServerMessage = { type: "error", code: error.code, message: error.message };
    if (ref !== undefined) message.ref = ref;
    this.send(message);
    if (error.wsClose !== null) this.socket.close(error.wsClose, ERRORS[error.code].message);
  }

  private async handleFrame(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.state === ConnectionState.Closed) return;
    const { metrics } = this.deps;
    if (isBinary) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      return this.fail(new SwagError("E_BINARY_FRAME"));
    }
    if (data.length > this.deps.maxFrameBytes) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      return this.fail(new SwagError("E_FRAME_TOO_LARGE", `frame of ${data.length} bytes is larger than the limit of ${this.deps.maxFrameBytes} bytes`));
    }
    const parsed = parseClientFrame(data.toString("utf8"));
    if (!parsed.ok) {
      metrics.wsMessagesReceived.inc({ type: "invalid" });
      return this.fail(parsed.error, parsed.ref);
    }
    const message = parsed.message;
    metrics.wsMessagesReceived.inc({ type: typeLabel(message.type) });
    const ref = "ref" in message ? message.ref : undefined;
    try {
      await withSpan(`ws.message ${message.type}`, { kind: SpanKind.SERVER, attributes: { "swagboard.connection_id": this.id, ...("board" in message ? { "swagboard.board": message.board } : {}) } }, () =>
        this.dispatch(message),
      );
    } catch (error) {
      const swagError = toSwagError(error);
      if (swagError.code === "E_INTERNAL" || swagError.code === "E_UNAVAILABLE") this.log.error({ err: error, type: message.type }, "message handling failed");
      this.fail(swagError, ref);
    }
  }

  private async dispatch(message: ClientMessage): Promise<void> {
    if (message.type === "ping") {
      this.send(message.ref === undefined ? { type: "pong", at: this.deps.clock() } : { type: "pong", ref: message.ref, at: this.deps.clock() });
      return;
    }
    if (message.type === "hello") return this.hello(message);
    if (this.state !== ConnectionState.Ready) throw new SwagError("E_HELLO_REQUIRED");
    return this.command(message);
  }

  private async hello(message: HelloMessage): Promise<void> {
    if (this.state !== ConnectionState.AwaitingHello) throw new SwagError("E_ALREADY_HELLO");
    this.state = ConnectionState.Joining;
    const boards = [...new Set(message.boards.map((entry) => entry.board))];
    try {
      // Subscribe before reading seq: an event committed in between is then both counted and delivered, never lost.
      await Promise.all(boards.map((board) => this.deps.fanout.join(board, this)));
      const opened = await this.deps.service.openBoards(boards);
      for (const { board, seq } of opened) this.joined.set(board, seq);
    } catch (error) {
      for (const board of boards) this.deps.fanout.leave(board, this);
      this.state = ConnectionState.AwaitingHello;
      throw error;
    }
    this.state = ConnectionState.Ready;
    this.log.debug({ user: message.user, boards }, "hello accepted");
    this.send({ type: "welcome", v: PROTOCOL_VERSION, replica: this.deps.replica, connectionId: this.id, boards: [...this.joined].map(([board, seq]) => ({ board, seq })) });
  }

  private async command(message: CommandMessage): Promise<void> {
    if (!this.joined.has(message.board)) throw new SwagError("E_UNKNOWN_BOARD", `board ${message.board} is not joined on this connection; list it in hello`);
    const { service } = this.deps;
    const event = await (() => {
      switch (message.type) {
        case "task.create":
          return service.createTask(message.board, { title: message.title, column: message.column }, message.clientTs);
        case "task.update":
          return service.updateTask(message.board, message.taskId, { title: message.title }, message.clientTs);
        case "task.move":
          return service.moveTask(message.board, message.taskId, message.column, message.clientTs);
        case "task.delete":
          return service.deleteTask(message.board, message.taskId, message.clientTs);
      }
    })();
    this.send({ type: "ack", ref: message.ref, seq: event.seq, taskId: taskIdOf(event) });
  }

  private send(message: ServerMessage): void {
    this.sendRaw(message.type, JSON.stringify(message));
  }

  private sendRaw(type: ServerMessage["type"], frame: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame);
    this.deps.metrics.wsMessagesSent.inc({ type });
  }
}
