import type { Actor, BoardEvent, EventData, EventName } from "../board/board-event.ts";
import type { BoardId, Task, TaskChanges, TaskId } from "../board/task.ts";
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
  notes: string;
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

const TASK_COLUMNS = "board_id, id, title, column_name, notes, version, created_at, updated_at";
const EVENT_COLUMNS = "board_id, seq, name, data, origin, client_ts, created_at, actor_id, actor_name";

const toTask = (row: TaskRow): Task => ({
  id: row.id,
  board: row.board_id,
  title: row.title,
  column: row.column_name,
  notes: row.notes,
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

  async listTasks(board: BoardId): Promise<Task[]> {
    return this.query("pg.list_tasks", async () => {
      const { rows } = await this.pool.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks WHERE board_id = $1 ORDER BY created_at, id`, [board]);
      return rows.map(toTask);
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

  createTask(board: BoardId, id: TaskId, fields: { title: string; column: string }, meta: ChangeMeta) {
    return this.change(board, "task.created", meta, async (client) => {
      const { rows } = await client.query<TaskRow>(
        `INSERT INTO tasks (board_id, id, title, column_name, created_at, updated_at)
         VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), to_timestamp($5 / 1000.0)) RETURNING ${TASK_COLUMNS}`,
        [board, id, fields.title, fields.column, meta.at],
      );
      return { task: toTask(rows[0] as TaskRow) };
    });
  }

  /** Changes the title and/or notes; a field left out keeps its value. */
  updateTask(board: BoardId, id: TaskId, fields: TaskChanges, meta: ChangeMeta) {
    return this.change(board, "task.updated", meta, async (client) => {
      const { rows } = await client.query<TaskRow>(
        `UPDATE tasks SET title = COALESCE($3, title), notes = COALESCE($4, notes), version = version + 1, updated_at = to_timestamp($5 / 1000.0)
         WHERE board_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
        [board, id, fields.title ?? null, fields.notes ?? null, meta.at],
      );
      if (!rows[0]) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      return { task: toTask(rows[0]) };
    });
  }

  moveTask(board: BoardId, id: TaskId, column: string, meta: ChangeMeta) {
    return this.change(board, "task.moved", meta, async (client) => {
      const { rows } = await client.query<{ column_name: string }>(
        "SELECT column_name FROM tasks WHERE board_id = $1 AND id = $2 FOR UPDATE",
        [board, id],
      );
      if (!rows[0]) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      const row = await this.updateRow(client, board, id, "column_name = $3", column, meta.at);
      return { task: toTask(row), fromColumn: rows[0].column_name };
    });
  }

  deleteTask(board: BoardId, id: TaskId, meta: ChangeMeta) {
    return this.change(board, "task.deleted", meta, async (client) => {
      const { rowCount } = await client.query("DELETE FROM tasks WHERE board_id = $1 AND id = $2", [board, id]);
      if (rowCount === 0) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
      return { taskId: id };
    });
  }

  private async updateRow(client: PoolClient, board: BoardId, id: TaskId, assignment: string, value: string, at: number): Promise<TaskRow> {
    const { rows } = await client.query<TaskRow>(
      `UPDATE tasks SET ${assignment}, version = version + 1, updated_at = to_timestamp($4 / 1000.0)
       WHERE board_id = $1 AND id = $2 RETURNING ${TASK_COLUMNS}`,
      [board, id, value, at],
    );
    if (!rows[0]) throw new SwagError("E_TASK_NOT_FOUND", `task ${id} does not exist on board ${board}`);
    return rows[0];
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
