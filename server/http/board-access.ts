import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { canAccessBoard, type MembershipStore } from '../auth/membership.ts';
import { GUEST_USER, requireUser, userOf } from '../auth/middleware.ts';
import type { Actor } from '../board/board-event.ts';
import type { AuthMode } from '../config.ts';
import { SwagError } from '../errors.ts';
import { boardParam } from './parse.ts';

/**
 * Guards /api/boards/:board/... routes. With SWAGBOARD_AUTH=required: a signed-in member, else 401 E_AUTH
 * or 403 E_FORBIDDEN (also for boards that do not exist, so ids do not leak). With "open": nothing, as in v1.
 */
export function boardAccess(mode: AuthMode, membership: MembershipStore): RequestHandler[] {
  if (mode === 'open') return [];
  const member = async (req: Request, res: Response, next: NextFunction) => {
    const board = boardParam(req);
    if (!(await canAccessBoard({ mode, membership }, userOf(res).id, board)))
      throw new SwagError('E_FORBIDDEN', `you are not a member of board ${board}`);
    next();
  };
  return [requireUser, member];
}

/** The signed-in user as an event's actor; none for anonymous (open-mode) requests. */
export function actorOf(res: Response): Actor | undefined {
  const user = res.locals.user as { id: string; username: string } | undefined;
  return user && user !== GUEST_USER ? { userId: user.id, name: user.username } : undefined;
}
