import { Router } from 'express';
import { z } from 'zod';
import { USERNAME_PATTERN, type AuthService } from '../auth/auth-service.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import type { MembershipStore } from '../auth/membership.ts';
import { GUEST_USER, requireUser, userOf } from '../auth/middleware.ts';
import { BOARD_ID_PATTERN } from '../board/task.ts';
import { wellFormedText } from '../board/task-schema.ts';
import { SwagError } from '../errors.ts';
import { boardParam, parseBody } from './parse.ts';

const createBoardBody = z.object({
  id: z.string().regex(BOARD_ID_PATTERN, { message: 'expected a board slug matching ^[a-z0-9][a-z0-9-]{0,63}$' }),
  name: wellFormedText().trim().min(1).max(200),
});
const addMemberBody = z.object({ username: z.string().regex(USERNAME_PATTERN, { message: 'expected a username' }) });

/** Boards and their members. Needs a signed-in user in every auth mode (guests own nothing). */
export function boardsRouter(deps: { membership: MembershipStore; users: AuthStore; auth: AuthService }): Router {
  const router = Router();
  const signedIn = async (_req: unknown, res: import('express').Response, next: import('express').NextFunction) => {
    if (userOf(res) === GUEST_USER) throw deps.auth.failure('no_session', 'sign in to manage boards');
    next();
  };

  router.post('/api/boards', requireUser, signedIn, async (req, res) => {
    const { id, name } = parseBody(createBoardBody, req.body);
    res.status(201).json({ board: await deps.membership.createBoard(id, name, userOf(res).id) });
  });

  router.get('/api/boards', requireUser, signedIn, async (_req, res) => {
    res.json({ boards: await deps.membership.boardsOf(userOf(res).id) });
  });

  router.post('/api/boards/:board/members', requireUser, signedIn, async (req, res) => {
    const board = boardParam(req);
    const { username } = parseBody(addMemberBody, req.body);
    const role = await deps.membership.roleOf(userOf(res).id, board);
    if (role !== 'owner') throw new SwagError('E_FORBIDDEN', `only the owner of board ${board} adds members`);
    const user = await deps.users.findUser(username);
    if (!user) throw new SwagError('E_USER_NOT_FOUND', `no user named ${username}`);
    await deps.membership.addMember(board, user.id);
    res.status(201).json({ board, member: { id: user.id, username: user.username, role: 'member' } });
  });

  return router;
}
