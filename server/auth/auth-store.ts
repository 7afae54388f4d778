import { SwagError } from '../errors.ts';
import type { Pool } from '../store/pool.ts';

export interface User {
  id: string;
  username: string;
}

export interface Session {
  id: string;
  user: User;
  expiresAt: number;
  revoked: boolean;
}

/** A session found signed out (or gone) or expired. */
export interface EndedSession {
  id: string;
  reason: 'session_revoked' | 'session_expired';
}

const UNIQUE_VIOLATION = '23505';

/** Users and their sign-in sessions in Postgres. */
export class AuthStore {
  constructor(private readonly pool: Pool) {}

  async createUser(id: string, username: string, passwordHash: string): Promise<User> {
    try {
      const { rows } = await this.pool.query<User>(
        'INSERT INTO users (id, username, password_hash) VALUES ($1, $2, $3) RETURNING id, username',
        [id, username, passwordHash],
      );
      return rows[0] as User;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw new SwagError('E_USERNAME_TAKEN', `username ${username} is taken`);
      throw error;
    }
  }

  async findUser(username: string): Promise<(User & { passwordHash: string }) | undefined> {
    const { rows } = await this.pool.query<User & { password_hash: string }>(
      'SELECT id, username, password_hash FROM users WHERE lower(username) = lower($1)',
      [username],
    );
    const row = rows[0];
    return row && { id: row.id, username: row.username, passwordHash: row.password_hash };
  }

  async createSession(id: string, userId: string, expiresAt: number): Promise<void> {
    await this.pool.query('INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))', [
      id,
      userId,
      expiresAt,
    ]);
  }

  async findSession(id: string): Promise<Session | undefined> {
    const { rows } = await this.pool.query<{
      id: string;
      user_id: string;
      username: string;
      expires_at: Date;
      revoked_at: Date | null;
    }>(
      'SELECT s.id, s.user_id, u.username, s.expires_at, s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1',
      [id],
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        user: { id: row.user_id, username: row.username },
        expiresAt: row.expires_at.getTime(),
        revoked: row.revoked_at !== null,
      }
    );
  }

  /** Of `ids`, the sessions that were signed out or expired by `now` (epoch ms), or are gone; one query for all. */
  async endedSessions(ids: string[], now: number): Promise<EndedSession[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; revoked: boolean; expires_at: Date }>(
      'SELECT id, revoked_at IS NOT NULL AS revoked, expires_at FROM sessions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id): EndedSession[] => {
      const row = found.get(id);
      if (!row || row.revoked) return [{ id, reason: 'session_revoked' }];
      return row.expires_at.getTime() <= now ? [{ id, reason: 'session_expired' }] : [];
    });
  }

  async revokeSession(id: string): Promise<void> {
    await this.pool.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }
}
