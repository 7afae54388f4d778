import { randomUUID } from 'node:crypto';
import type { Fanout } from '../bus/fanout.ts';
import type { Clock } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { BoardStore } from '../store/board-store.ts';
import type { BoardChange, ChangeMeta } from './board-change.ts';
import type { Actor, BoardEvent } from './board-event.ts';
import { GroupCommit } from './group-commit.ts';
import type { BoardId, MoveTarget, NewTask, Task, TaskChanges, TaskFilter, TaskId } from './task.ts';

export interface BoardServiceDeps {
  store: BoardStore;
  fanout: Fanout;
  metrics: Metrics;
  replica: string;
  clock: Clock;
  newTaskId?: () => TaskId;
  /**
   * "required": an assignee must be a member of the board (else E_ASSIGNEE_NOT_MEMBER); "open": any name.
   * Default "open".
   */
  authMode?: 'required' | 'open';
  /** Per board: writes accepted and not yet committed on this replica; past it E_BOARD_BUSY (SWAGBOARD_MAX_PENDING_WRITES). */
  maxPendingWrites: number;
}

/** Changes per statement at most: bounds one batch's lock time (~tens of ms even for moves that shift many tasks). */
const MAX_BATCH = 256;

/**
 * The board's use cases, shared by the WebSocket gateway and the REST API: commit (in the board's group commit),
 * then fan out.
 */
export class BoardService {
  private readonly newTaskId: () => TaskId;
  private readonly writes: GroupCommit<BoardChange, BoardEvent>;

  constructor(private readonly deps: BoardServiceDeps) {
    this.newTaskId = deps.newTaskId ?? randomUUID;
    const { metrics, store } = deps;
    const maxPending = deps.maxPendingWrites;
    this.writes = new GroupCommit({
      commit: (board, changes) => store.applyChanges(board, changes),
      maxPending,
      maxBatch: MAX_BATCH,
      // E_INTERNAL from the store: Postgres refused the statement, which rolled back whole; E_UNAVAILABLE: unknown.
      isolatable: (error) => error instanceof SwagError && error.code === 'E_INTERNAL',
      // Postgres unreachable or not answering: the queue behind would only wait out the same failure, unseen.
      failsQueued: (error) => error instanceof SwagError && error.code === 'E_UNAVAILABLE',
      refusal: (board, pending) => {
        metrics.writesRefused.inc({ reason: 'pending_limit' });
        return new SwagError(
          'E_BOARD_BUSY',
          `board ${board} has ${pending} writes pending on this replica (the limit); retry shortly`,
        );
      },
      onBatch: (size, committed) => {
        metrics.commitBatchSize.observe(size);
        metrics.changesCommitted.inc(committed);
      },
    });
  }

  /** Creates absent boards; returns each board's latest seq in the order asked. */
  async openBoards(boards: BoardId[]): Promise<{ board: BoardId; seq: number }[]> {
    const seqs = await this.deps.store.ensureBoards([...new Set(boards)]);
    return boards.map((board) => ({ board, seq: seqs.get(board) ?? 0 }));
  }

  /** The board's latest seq, or E_BOARD_NOT_FOUND. */
  async boardSeq(board: BoardId): Promise<number> {
    const seq = await this.deps.store.boardSeq(board);
    if (seq === undefined) throw new SwagError('E_BOARD_NOT_FOUND', `board ${board} does not exist`);
    return seq;
  }

  /** Events with seq > after, ascending, without checking the board exists (callers joined it). */
  readEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    return this.deps.store.listEvents(board, after, limit);
  }

  /** The board's seq and, as of it, its tasks ordered by column then position; `filter` narrows them. */
  async listTasks(board: BoardId, filter: TaskFilter = {}): Promise<{ seq: number; tasks: Task[] }> {
    const snapshot = await this.deps.store.listTasks(board, filter);
    if (snapshot === undefined) throw new SwagError('E_BOARD_NOT_FOUND', `board ${board} does not exist`);
    return snapshot;
  }

  async listEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    if ((await this.deps.store.boardSeq(board)) === undefined)
      throw new SwagError('E_BOARD_NOT_FOUND', `board ${board} does not exist`);
    return this.deps.store.listEvents(board, after, limit);
  }

  createTask(board: BoardId, fields: NewTask, clientTs?: number, actor?: Actor) {
    return this.afterAssigneeCheck(board, fields.assignee, () =>
      this.commit(board, (meta) => ({ op: 'create', taskId: this.newTaskId(), task: fields, meta }), clientTs, actor),
    );
  }

  updateTask(board: BoardId, taskId: TaskId, fields: TaskChanges, clientTs?: number, actor?: Actor) {
    return this.afterAssigneeCheck(board, fields.assignee, () =>
      this.commit(board, (meta) => ({ op: 'update', taskId, changes: fields, meta }), clientTs, actor),
    );
  }

  moveTask(board: BoardId, taskId: TaskId, target: MoveTarget, clientTs?: number, actor?: Actor) {
    return this.commit(board, (meta) => ({ op: 'move', taskId, target, meta }), clientTs, actor);
  }

  deleteTask(board: BoardId, taskId: TaskId, clientTs?: number, actor?: Actor) {
    return this.commit(board, (meta) => ({ op: 'delete', taskId, meta }), clientTs, actor);
  }

  /** Newest first: events with seq < before (all when before is omitted), optionally of one task only. */
  async listActivity(
    board: BoardId,
    options: { before?: number; limit: number; taskId?: TaskId },
  ): Promise<BoardEvent[]> {
    if ((await this.deps.store.boardSeq(board)) === undefined)
      throw new SwagError('E_BOARD_NOT_FOUND', `board ${board} does not exist`);
    return this.deps.store.listActivity(
      board,
      options.before ?? Number.MAX_SAFE_INTEGER,
      options.limit,
      options.taskId,
    );
  }

  /**
   * True when a change naming this assignee is checked against membership before it is queued. Every other change
   * is queued for its board's group commit synchronously, within the call, so a caller that issues changes one after
   * another without awaiting them (a pipelining connection) has them applied in call order.
   */
  checksAssigneeFirst(assignee: string | null | undefined): boolean {
    return assignee !== undefined && assignee !== null && this.deps.authMode === 'required';
  }

  /**
   * Checked before the change is queued: membership is only ever added, so a member now is still one at commit.
   * Null (unassign) and absent need no check.
   */
  private afterAssigneeCheck(
    board: BoardId,
    assignee: string | null | undefined,
    then: () => Promise<BoardEvent>,
  ): Promise<BoardEvent> {
    if (!this.checksAssigneeFirst(assignee)) return then();
    return this.checkAssignee(board, assignee as string).then(then);
  }

  private async checkAssignee(board: BoardId, assignee: string): Promise<void> {
    if (!(await this.deps.store.isMember(board, assignee))) {
      throw new SwagError(
        'E_ASSIGNEE_NOT_MEMBER',
        `field "assignee": ${JSON.stringify(assignee)} is not the user id of a member of board ${board}`,
      );
    }
  }

  /** Queues the change for the board's next batch (or refuses it at once with E_BOARD_BUSY), then starts its fan-out. */
  private async commit(
    board: BoardId,
    change: (meta: ChangeMeta) => BoardChange,
    clientTs?: number,
    actor?: Actor,
  ): Promise<BoardEvent> {
    const meta: ChangeMeta = { origin: this.deps.replica, at: this.deps.clock.now() };
    if (clientTs !== undefined) meta.clientTs = clientTs;
    if (actor !== undefined) meta.actor = actor;
    const event = await this.writes.submit(board, change(meta));
    // Not awaited: the ack means committed, not published. Local sockets get the event within this call, the bus
    // write starts at once, and publish never rejects (a failed publish is logged; other replicas read it back).
    void this.deps.fanout.publish(event);
    return event;
  }
}

/** The id of the task an event is about, for acks. */
export function taskIdOf(event: BoardEvent): TaskId {
  return 'task' in event.data ? event.data.task.id : (event.data as { taskId: TaskId }).taskId;
}
