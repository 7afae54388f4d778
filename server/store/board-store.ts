import type { Actor, BoardEvent, EventData, EventName } from "../board/board-event.ts";
import type { BoardId, MoveTarget, NewTask, Task, TaskChanges, TaskFilter, TaskId } from "../board/task.ts";
import { SwagError } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { SpanKind, withSpan } from "../tracing.ts";
import { inTransaction, type Pool, type PoolClient } from "./pool.ts";

export interface ChangeMeta {
  origin: string;
  at: number;
  clientTs?: number;
  actor?: Actor;
}

interface TaskRow {
  board_id: string;
  id: string;
  title: string;
  column_name: string;
  position: number;
  notes: string;
  tags: string[];
  assignee: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface EventRow {
  board_id: string;
  seq: number;
  name: EventName;
  data: EventData[EventName];
  origin: string;
  client_ts: number | null;
  created_at: Date;
  actor_id: string | null;
  actor_name: string | null;
}

const TASK_COLUMNS = "board_id, id, title, column_name, position, notes, tags, assignee, version, created_at, updated_at";
/** TASK_COLUMNS qualified with the tasks table's alias `t`, for joins. */
const TASK_COLUMNS_OF_T = TASK_COLUMNS.split(", ").map((column) => `t.${column}`).join(", ");
const EVENT_COLUMNS = "board_id, seq, name, data, origin, client_ts, created_at, actor_id, actor_name";

const toTask = (row: TaskRow): Task => ({
  id: row.id,
  board: row.board_id,
  title: row.title,
  column: row.column_name,
  position: row.position,
  notes: row.notes,
  tags: row.tags,
  assignee: row.assignee,
  version: row.version,
  createdAt: row.created_at.getTime(),
  updatedAt: row.updated_at.getTime(),
});

function toEvent(row: EventRow): BoardEvent {
  const event: BoardEvent = { board: row.board_id, seq: row.seq, name: row.name, data: row.data, origin: row.origin, at: row.created_at.getTime() };
  if (row.client_ts !== null) event.clientTs = row.client_ts;
  if (row.actor_id !== null) event.actor = { userId: row.actor_id, name: row.actor_name ?? "" };
  return event;
}

/** SQLSTATE classes 08 (connection) and 57 (operator intervention, e.g. shutdown) mean "try again later". */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith("08") || code.startsWith("57");
}

/** Postgres access for boards, tasks and their events. Every change is one transaction that also appends its event. */
export class BoardStore {
  constructor(
    private readonly pool: Pool,
    private readonly metrics: Metrics,
  ) {}

  async ping(): Promise<void> {
    await this.query("pg.ping", async () => this.pool.query("SELECT 1"));
  }

  /** Creates the boards that do not exist yet and returns every board's latest seq. */
  async ensureBoards(boards: BoardId[]): Promise<Map<BoardId, number>> {
    if (boards.length === 0) return new Map();
    return this.query("pg.ensure_boards", async () => {
      await this.pool.query("INSERT INTO boards (id) SELECT unnest($1::text[]) ON CONFLICT (id) DO NOTHING", [boards]);
      const { rows } = await this.pool.query<{ id: string; seq: number }>("SELECT id, seq FROM boards WHERE id = ANY($1::text[])", [boards]);
      return new Map(rows.map((row) => [row.id, row.seq]));
    });
  }

  async boardSeq(board: BoardId): Promise<number | undefined> {
    return this.query("pg.board_seq", async () => {
      const { rows } = await this.pool.query<{ seq: number }>("SELECT seq FROM boards WHERE id = $1", [board]);
      return rows[0]?.seq;
    });
  }

  /**
   * The board's seq and its tasks (ordered by column, then position) as of that seq: one statement, so one
   * snapshot. Undefined when the board does not exist.
   */
  async listTasks(board: BoardId, filter: TaskFilter = {}): Promise<{ seq: number; tasks: Task[] } | undefined> {
    return this.query("pg.list_tasks", async () => {
      const { rows } = await this.pool.query<{ board_seq: number } & Partial<TaskRow>>(
        `SELECT b.seq AS board_seq, ${TASK_COLUMNS_OF_T}
         FROM boards b LEFT JOIN tasks t ON t.board_id = b.id
           AND ($2::text[] IS NULL OR t.tags @> $2::text[]) AND ($3::text IS NULL OR t.assignee = $3::text)
         WHERE b.id = $1 ORDER BY t.column_name, t.position`,
        [board, filter.tags && filter.tags.length > 0 ? filter.tags : null, filter.assignee ?? null],
      );
      if (!rows[0]) return undefined;
      return { seq: rows[0].board_seq, tasks: rows.filter((row) => row.id != null).map((row) => toTask(row as TaskRow)) };
    });
  }

  async listEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    return this.query("pg.list_events", async () => {
      const { rows } = await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [
        board,
        after,
        limit,
      ]);
      return rows.map(toEvent);
    });
  }

  /** Events with seq < before, newest first; `taskId` narrows them to one task's history. */
  async listActivity(board: BoardId, before: number, limit: number, taskId?: TaskId): Promise<BoardEvent[]> {
    return this.query("pg.list_activity", async () => {
      const { rows } =
        taskId === undefined
          ? await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, [board, before, limit])
          : await this.pool.query<EventRow>(
              `SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND task_id = $4 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
              [board, before, limit, taskId],
            );
      return rows.map(toEvent);
    });
  }

  /** Appends the task at the end of its column. */
  createTask(board: BoardId, id: TaskId, fields: NewTask, meta: ChangeMeta) {
    return this.change(board, "task.created", meta, async (client) => {
      const { rows } = await client.query<TaskRow>(
        `INSERT INTO tasks (board_id, id, title, column_name, position, tags, assignee, created_at, updated_at)
         VALUES ($1, $2, $3, $4, (SELECT count(*) FROM tasks WHERE board_id = $1 AND column_name = $4), $6, $7, to_timestamp($5 / 1000.0), to_timestamp($5 / 1000.0))
         RETURNING ${TASK_COLUMNS}`,
        [board, id, fields.title, fields.column, meta.at, fields.tags ?? [], fields.assignee ?? null],
      );
      return { task: toTask(rows[0] as TaskRow) };
    });
  }

  /** Changes title, notes, tags and/or assignee; a field left out keeps its value, assignee null clears it. */
  updateTask(board: BoardId, id: TaskId, fields: TaskChanges, meta: ChangeMeta) {
    return this.change(board, "task.updated", meta, async (client) => {
      const { rows } = await client.query<TaskRow>(
        `UPDATE tasks SET title = COALESCE($3, title), notes = COALESCE($4, notes), tags = COALESCE($6::text[], tags),
           assignee = CASE WHEN $7 THEN $8 ELSE assignee END, version = version + 1, updated_at = to_timestamp($5 / 1000.0)
         WHERE board_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
        [board, id, fields.title ?? null, fields.notes ?? null, meta.at, fields.tags ?? null, fields.assignee !== undefined, fields.assignee ?? null],
      );
      if (!rows[0]) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      return { task: toTask(rows[0]) };
    });
  }

  /**
   * Takes the task out of its column (closing the gap), then inserts it at the target position (default and
   * beyond the end: the end), shifting the tasks from there on. The board row lock taken for the seq serialises
   * this with every other change of the board, on every replica, so positions stay 0..n-1.
   */
  moveTask(board: BoardId, id: TaskId, target: MoveTarget, meta: ChangeMeta) {
    return this.change(board, "task.moved", meta, async (client) => {
      const { rows } = await client.query<{ column_name: string; position: number }>(
        "SELECT column_name, position FROM tasks WHERE board_id = $1 AND id = $2 FOR UPDATE",
        [board, id],
      );
      const from = rows[0];
      if (!from) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      const column = target.column ?? from.column_name;
      await this.closeGap(client, board, from.column_name, from.position);
      const { rows: counted } = await client.query<{ count: number }>(
        "SELECT count(*)::integer AS count FROM tasks WHERE board_id = $1 AND column_name = $2 AND id <> $3",
        [board, column, id],
      );
      const end = counted[0]?.count ?? 0;
      const wanted = target.offset !== undefined ? from.position + target.offset : (target.position ?? end);
      const position = Math.max(0, Math.min(wanted, end));
      await client.query("UPDATE tasks SET position = position + 1 WHERE board_id = $1 AND column_name = $2 AND position >= $3 AND id <> $4", [
        board,
        column,
        position,
        id,
      ]);
      const { rows: moved } = await client.query<TaskRow>(
        `UPDATE tasks SET column_name = $3, position = $4, version = version + 1, updated_at = to_timestamp($5 / 1000.0)
         WHERE board_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
        [board, id, column, position, meta.at],
      );
      return { task: toTask(moved[0] as TaskRow), fromColumn: from.column_name, fromPosition: from.position };
    });
  }

  deleteTask(board: BoardId, id: TaskId, meta: ChangeMeta) {
    return this.change(board, "task.deleted", meta, async (client) => {
      const { rows } = await client.query<{ column_name: string; position: number }>(
        "DELETE FROM tasks WHERE board_id = $1 AND id = $2 RETURNING column_name, position",
        [board, id],
      );
      if (!rows[0]) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      await this.closeGap(client, board, rows[0].column_name, rows[0].position);
      return { taskId: id };
    });
  }

  /** True when the user is a member of the board (the assignee check with SWAGBOARD_AUTH=required). */
  async isMember(board: BoardId, userId: string): Promise<boolean> {
    return this.query("pg.is_member", async () => {
      const { rows } = await this.pool.query("SELECT 1 FROM board_members WHERE board_id = $1 AND user_id::text = $2", [board, userId]);
      return rows.length > 0;
    });
  }

  private async closeGap(client: PoolClient, board: BoardId, column: string, position: number): Promise<void> {
    await client.query("UPDATE tasks SET position = position - 1 WHERE board_id = $1 AND column_name = $2 AND position > $3", [board, column, position]);
  }

  /**
   * Locks the board row by taking the next seq, applies the change and appends its event, all in one transaction.
   * A failed change rolls back, so seq has no gaps.
   */
  private change<N extends EventName>(
    board: BoardId,
    name: N,
    meta: ChangeMeta,
    apply: (client: PoolClient) => Promise<EventData[N]>,
  ): Promise<BoardEvent<N>> {
    return this.query(`pg.transaction ${name}`, () =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ seq: number }>("UPDATE boards SET seq = seq + 1 WHERE id = $1 RETURNING seq", [board]);
        if (!rows[0]) throw new SwagError("E_BOARD_NOT_FOUND", `board ${board} does not exist`);
        const seq = rows[0].seq;
        const data = await apply(client);
        const taskId = "task" in data ? data.task.id : (data as { taskId: TaskId }).taskId;
        await client.query(
          `INSERT INTO events (board_id, seq, name, data, origin, client_ts, created_at, task_id, actor_id, actor_name)
           VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7 / 1000.0), $8, $9, $10)`,
          [board, seq, name, JSON.stringify(data), meta.origin, meta.clientTs ?? null, meta.at, taskId, meta.actor?.userId ?? null, meta.actor?.name ?? null],
        );
        const event: BoardEvent<N> = { board, seq, name, data, origin: meta.origin, at: meta.at };
        if (meta.clientTs !== undefined) event.clientTs = meta.clientTs;
        if (meta.actor !== undefined) event.actor = meta.actor;
        return event;
      }),
    );
  }

  private async query<T>(spanName: string, work: () => Promise<T>): Promise<T> {
    try {
      return await withSpan(spanName, { kind: SpanKind.CLIENT, attributes: { "db.system.name": "postgresql" } }, work);
    } catch (error) {
      if (error instanceof SwagError) throw error;
      this.metrics.dbErrors.inc();
      throw new SwagError(isUnavailable(error) ? "E_UNAVAILABLE" : "E_INTERNAL", undefined, error);
    }
  }
}
