import { randomUUID } from "node:crypto";
import type { Fanout } from "../bus/fanout.ts";
import { SwagError } from "../errors.ts";
import type { BoardStore, ChangeMeta } from "../store/board-store.ts";
import type { BoardEvent, EventName } from "./board-event.ts";
import type { BoardId, Task, TaskId } from "./task.ts";

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

  async listTasks(board: BoardId): Promise<{ seq: number; tasks: Task[] }> {
    const seq = await this.deps.store.boardSeq(board);
    if (seq === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return { seq, tasks: await this.deps.store.listTasks(board) };
  }

  async listEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    if ((await this.deps.store.boardSeq(board)) === undefined) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
    return this.deps.store.listEvents(board, after, limit);
  }

  createTask(board: BoardId, fields: { title: string; column: string }, clientTs?: number) {
    return this.commit((meta) => this.deps.store.createTask(board, this.newTaskId(), fields, meta), clientTs);
  }

  updateTask(board: BoardId, taskId: TaskId, fields: { title: string }, clientTs?: number) {
    return this.commit((meta) => this.deps.store.updateTask(board, taskId, fields, meta), clientTs);
  }

  moveTask(board: BoardId, taskId: TaskId, column: string, clientTs?: number) {
    return this.commit((meta) => this.deps.store.moveTask(board, taskId, column, meta), clientTs);
  }

  deleteTask(board: BoardId, taskId: TaskId, clientTs?: number) {
    return this.commit((meta) => this.deps.store.deleteTask(board, taskId, meta), clientTs);
  }

  private async commit<N extends EventName>(change: (meta: ChangeMeta) => Promise<BoardEvent<N>>, clientTs?: number): Promise<BoardEvent<N>> {
    const meta: ChangeMeta = { origin: this.deps.replica, at: this.deps.clock() };
    if (clientTs !== undefined) meta.clientTs = clientTs;
    const event = await change(meta);
    await this.deps.fanout.publish(event);
    return event;
  }
}

/** The id of the task an event is about, for acks. */
export function taskIdOf(event: BoardEvent): TaskId {
  return "task" in event.data ? event.data.task.id : (event.data as { taskId: TaskId }).taskId;
}
