import type { BoardChange } from '../board/board-change.ts';
import type { BoardEvent, EventData, EventName } from '../board/board-event.ts';
import type { Outcome } from '../board/group-commit.ts';
import type { BoardId, Task, TaskFilter, TaskId } from '../board/task.ts';
import { SwagError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { SpanKind, withSpan } from '../tracing.ts';
import { APPLY_CHANGES_SQL, encodeChange, toOutcome, type AppliedRow } from './board-changes.ts';
import type pg from 'pg';
import type { Pool } from './pool.ts';

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

const TASK_COLUMNS =
  'board_id, id, title, column_name, position, notes, tags, assignee, version, created_at, updated_at';
/** TASK_COLUMNS qualified with the tasks table's alias `t`, for joins. */
const TASK_COLUMNS_OF_T = TASK_COLUMNS.split(', ')
  .map((column) => `t.${column}`)
  .join(', ');
const EVENT_COLUMNS = 'board_id, seq, name, data, origin, client_ts, created_at, actor_id, actor_name';

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
  const event: BoardEvent = {
    board: row.board_id,
    seq: row.seq,
    name: row.name,
    data: row.data,
    origin: row.origin,
    at: row.created_at.getTime(),
  };
  if (row.client_ts !== null) event.clientTs = row.client_ts;
  if (row.actor_id !== null) event.actor = { userId: row.actor_id, name: row.actor_name ?? '' };
  return event;
}

/** SQLSTATE classes 08 (connection) and 57 (operator intervention, e.g. shutdown) mean "try again later". */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || code.startsWith('57');
}

/** A batch's statement that has not answered by then fails (its outcome unknown); healthy batches take milliseconds. */
const APPLY_TIMEOUT_MS = 5000;

/** Postgres access for boards, tasks and their events. Changes go in batches, each change with its own seq and event. */
export class BoardStore {
  constructor(
    private readonly pool: Pool,
    private readonly metrics: Metrics,
  ) {}

  async ping(): Promise<void> {
    await this.query('pg.ping', async () => this.pool.query('SELECT 1'));
  }

  /** Creates the boards that do not exist yet and returns every board's latest seq. */
  async ensureBoards(boards: BoardId[]): Promise<Map<BoardId, number>> {
    if (boards.length === 0) return new Map();
    return this.query('pg.ensure_boards', async () => {
      await this.pool.query('INSERT INTO boards (id) SELECT unnest($1::text[]) ON CONFLICT (id) DO NOTHING', [boards]);
      const { rows } = await this.pool.query<{ id: string; seq: number }>(
        'SELECT id, seq FROM boards WHERE id = ANY($1::text[])',
        [boards],
      );
      return new Map(rows.map((row) => [row.id, row.seq]));
    });
  }

  async boardSeq(board: BoardId): Promise<number | undefined> {
    return this.query('pg.board_seq', async () => {
      const { rows } = await this.pool.query<{ seq: number }>('SELECT seq FROM boards WHERE id = $1', [board]);
      return rows[0]?.seq;
    });
  }

  /**
   * The board's seq and its tasks (ordered by column, then position) as of that seq: one statement, so one
   * snapshot. Undefined when the board does not exist.
   */
  async listTasks(board: BoardId, filter: TaskFilter = {}): Promise<{ seq: number; tasks: Task[] } | undefined> {
    return this.query('pg.list_tasks', async () => {
      const { rows } = await this.pool.query<{ board_seq: number } & Partial<TaskRow>>(
        `SELECT b.seq AS board_seq, ${TASK_COLUMNS_OF_T}
         FROM boards b LEFT JOIN tasks t ON t.board_id = b.id
           AND ($2::text[] IS NULL OR t.tags @> $2::text[]) AND ($3::text IS NULL OR t.assignee = $3::text)
         WHERE b.id = $1 ORDER BY t.column_name, t.position`,
        [board, filter.tags && filter.tags.length > 0 ? filter.tags : null, filter.assignee ?? null],
      );
      if (!rows[0]) return undefined;
      return {
        seq: rows[0].board_seq,
        tasks: rows.filter((row) => row.id != null).map((row) => toTask(row as TaskRow)),
      };
    });
  }

  async listEvents(board: BoardId, after: number, limit: number): Promise<BoardEvent[]> {
    return this.query('pg.list_events', async () => {
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [board, after, limit],
      );
      return rows.map(toEvent);
    });
  }

  /** Events with seq < before, newest first; `taskId` narrows them to one task's history. */
  async listActivity(board: BoardId, before: number, limit: number, taskId?: TaskId): Promise<BoardEvent[]> {
    return this.query('pg.list_activity', async () => {
      const { rows } =
        taskId === undefined
          ? await this.pool.query<EventRow>(
              `SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
              [board, before, limit],
            )
          : await this.pool.query<EventRow>(
              `SELECT ${EVENT_COLUMNS} FROM events WHERE board_id = $1 AND task_id = $4 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
              [board, before, limit, taskId],
            );
      return rows.map(toEvent);
    });
  }

  /**
   * Applies a batch of changes of one board in one statement: swagboard_apply_changes (migration 005) takes the board
   * row lock, gives each change that applies the next seq and its event row, and the statement's implicit transaction
   * commits them together (synchronous_commit on), so the lock is held for one round trip and one commit. Each change
   * gets its own outcome; a change whose task is gone fails alone and consumes no seq.
   * Rejects (E_UNAVAILABLE or E_INTERNAL) only when the statement failed as a whole: then nothing of it committed,
   * unless the connection was lost during the commit (E_UNAVAILABLE), when it cannot be known.
   */
  async applyChanges(board: BoardId, changes: BoardChange[]): Promise<Outcome<BoardEvent>[]> {
    return this.query(
      'pg.apply_changes',
      async () => {
        // pg honours a per-query query_timeout; its types only know the pool-wide one.
        const query: pg.QueryConfig & { query_timeout: number } = {
          name: 'swagboard_apply_changes',
          text: APPLY_CHANGES_SQL,
          values: [board, JSON.stringify(changes.map(encodeChange))],
          // A Postgres that stops answering fails the batch (E_UNAVAILABLE, outcome unknown) instead of holding it unseen.
          query_timeout: APPLY_TIMEOUT_MS,
        };
        const { rows } = await this.pool.query<AppliedRow>(query);
        return changes.map((change, index) => toOutcome(board, change, rows[index]));
      },
      { 'swagboard.batch_size': changes.length },
    );
  }

  /** True when the user is a member of the board (the assignee check with SWAGBOARD_AUTH=required). */
  async isMember(board: BoardId, userId: string): Promise<boolean> {
    return this.query('pg.is_member', async () => {
      const { rows } = await this.pool.query('SELECT 1 FROM board_members WHERE board_id = $1 AND user_id::text = $2', [
        board,
        userId,
      ]);
      return rows.length > 0;
    });
  }

  private async query<T>(
    spanName: string,
    work: () => Promise<T>,
    attributes: Record<string, number> = {},
  ): Promise<T> {
    try {
      return await withSpan(
        spanName,
        { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', ...attributes } },
        work,
      );
    } catch (error) {
      if (error instanceof SwagError) throw error;
      this.metrics.dbErrors.inc();
      throw new SwagError(isUnavailable(error) ? 'E_UNAVAILABLE' : 'E_INTERNAL', undefined, error);
    }
  }
}
