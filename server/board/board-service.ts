import { randomUUID } from "node:crypto";
import type { Fanout } from "../bus/fanout.ts";
import { SwagError } from "../errors.ts";
import type { BoardStore, ChangeMeta } from "../store/board-store.ts";
import type { Actor, BoardEvent, EventName } from "./board-event.ts";
import type { BoardId, Task, TaskChanges, TaskId } from "./task.ts";

export interface BoardServiceDeps {
  store: BoardStore;
  fanout: Fanout;
  replica: string;
  clock: () => number;
  newTaskId?: () => TaskId;
}

/** The board's use cases, shared by the WebSocket gateway and the REST API: commit, then fan out. */
export class BoardService {
  private readonly newTaskId: () => TaskId;

  constructor(private readonly deps: BoardServiceDeps) {
    this.newTaskId = deps.newTaskId ?? randomUUID;
  }

  /** Creates absent boards; returns each board's latest seq in the order asked. */
  async openBoards(boards: BoardId[]): Promise<{ board: BoardId; seq: number }[]> {
    const seqs = await this.deps.store.ensureBoards([...new Set(boards)]);
    return boards.map((board) => ({ board, seq: seqs.get(board) ?? 0 }));
  }

  /** The board's latest seq, or E_BOARD_NOT_FOUND. */
  async boardSeq(board: BoardId): Promise<number> {
    const seq = await this.deps.store.boardSeq(board);
    if (seq === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return seq;
  }

  /** Events with seq > after, ascending, without checking the board exists (callers joined it). */
  readEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    return this.deps.store.listEvents(board, after, limit);
  }

  async listTasks(board: BoardId): Promise<{ seq: number; tasks: Task[] }> {
    const seq = await this.deps.store.boardSeq(board);
    if (seq === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return { seq, tasks: await this.deps.store.listTasks(board) };
  }

  async listEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    if ((await this.deps.store.boardSeq(board)) === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return this.deps.store.listEvents(board, after, limit);
  }

  createTask(board: BoardId, fields: { title: string; column: string }, clientTs?: number, actor?: Actor) {
    return this.commit((meta) => this.deps.store.createTask(board, this.newTaskId(), fields, meta), clientTs, actor);
  }

  updateTask(board: BoardId, taskId: TaskId, fields: TaskChanges, clientTs?: number, actor?: Actor) {
    return this.commit((meta) => this.deps.store.updateTask(board, taskId, fields, meta), clientTs, actor);
  }

  moveTask(board: BoardId, taskId: TaskId, column: string, clientTs?: number, actor?: Actor) {
    return this.commit((meta) => this.deps.store.moveTask(board, taskId, column, meta), clientTs, actor);
  }

  deleteTask(board: BoardId, taskId: TaskId, clientTs?: number, actor?: Actor) {
    return this.commit((meta) => this.deps.store.deleteTask(board, taskId, meta), clientTs, actor);
  }

  /** Newest first: events with seq < before (all when before is omitted), optionally of one task only. */
  async listActivity(board: BoardId, options: { before?: number; limit: number; taskId?: TaskId }): Promise<BoardEvent[]> {
    if ((await this.deps.store.boardSeq(board)) === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return this.deps.store.listActivity(board, options.before ?? Number.MAX_SAFE_INTEGER, options.limit, options.taskId);
  }

  private async commit<N extends EventName>(change: (meta: ChangeMeta) => Promise<BoardEvent<N>>, clientTs?: number, actor?: Actor): Promise<BoardEvent<N>> {
    const meta: ChangeMeta = { origin: this.deps.replica, at: this.deps.clock() };
    if (clientTs !== undefined) meta.clientTs = clientTs;
    if (actor !== undefined) meta.actor = actor;
    const event = await change(meta);
    await this.deps.fanout.publish(event);
    return event;
  }
}

/** The id of the task an event is about, for acks. */
export function taskIdOf(event: BoardEvent): TaskId {
  return "task" in event.data ? event.data.task.id : (event.data as { taskId: TaskId }).taskId;
}
