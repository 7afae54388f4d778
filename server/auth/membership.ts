import type { AuthMode } from '../config.ts';
import { SwagError } from '../errors.ts';
import { inTransaction, type Pool } from '../store/pool.ts';

export type BoardRole = 'owner' | 'member';

export interface BoardSummary {
  id: string;
  name: string;
  role: BoardRole;
  seq: number;
}

const UNIQUE_VIOLATION = '23505';

/** Who may see and change which board, in Postgres. */
export class MembershipStore {
  constructor(private readonly pool: Pool) {}

  async createBoard(board: string, name: string, ownerId: string): Promise<BoardSummary> {
    return inTransaction<BoardSummary>(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'INSERT INTO boards (id, name, owner_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [board, name, ownerId],
      );
      if (rowCount === 0) throw new SwagError('E_BOARD_EXISTS', `board ${board} already exists`);
      await client.query("INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, 'owner')", [
        board,
        ownerId,
      ]);
      return { id: board, name, role: 'owner', seq: 0 };
    });
  }

  async boardsOf(userId: string): Promise<BoardSummary[]> {
    const { rows } = await this.pool.query<{ id: string; name: string | null; role: BoardRole; seq: number }>(
      'SELECT b.id, b.name, m.role, b.seq FROM board_members m JOIN boards b ON b.id = m.board_id WHERE m.user_id = $1 ORDER BY b.id',
      [userId],
    );
    return rows.map((row) => ({ id: row.id, name: row.name ?? row.id, role: row.role, seq: row.seq }));
  }

  async roleOf(userId: string, board: string): Promise<BoardRole | undefined> {
    const { rows } = await this.pool.query<{ role: BoardRole }>(
      'SELECT role FROM board_members WHERE board_id = $1 AND user_id = $2',
      [board, userId],
    );
    return rows[0]?.role;
  }

  /** The board's members by username, to name and offer assignees. */
  async membersOf(board: string): Promise<{ id: string; username: string }[]> {
    const { rows } = await this.pool.query<{ id: string; username: string }>(
      'SELECT u.id, u.username FROM board_members m JOIN users u ON u.id = m.user_id WHERE m.board_id = $1 ORDER BY lower(u.username)',
      [board],
    );
    return rows;
  }

  /** Boards of `boards` that `userId` is not a member of. */
  async notMemberOf(userId: string, boards: string[]): Promise<string[]> {
    if (boards.length === 0) return [];
    const { rows } = await this.pool.query<{ board_id: string }>(
      'SELECT board_id FROM board_members WHERE user_id = $1 AND board_id = ANY($2::text[])',
      [userId, boards],
    );
    const member = new Set(rows.map((row) => row.board_id));
    return boards.filter((board) => !member.has(board));
  }

  async addMember(board: string, userId: string): Promise<void> {
    try {
      await this.pool.query(
        "INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING",
        [board, userId],
      );
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return;
      throw error;
    }
  }
}

/**
 * True when the user may see and change the board. With SWAGBOARD_AUTH=open every board is open to everyone.
 * The store and mode are the caller's replica's own, passed in, so replicas sharing a process never share them.
 */
export async function canAccessBoard(
  access: { mode: AuthMode; membership: MembershipStore },
  userId: string,
  boardId: string,
): Promise<boolean> {
  if (access.mode === 'open') return true;
  return (await access.membership.roleOf(userId, boardId)) !== undefined;
}
