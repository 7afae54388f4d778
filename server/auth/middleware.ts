import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthMode } from '../config.ts';
import { SwagError, toSwagError } from '../errors.ts';
import type { AuthService } from './auth-service.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

export interface RequestUser {
  id: string;
  username: string;
}

export interface AuthContext {
  mode: AuthMode;
  auth: AuthService;
}

/** With SWAGBOARD_AUTH=open a request without a session acts as this user. */
export const GUEST_USER: RequestUser = Object.freeze({ id: 'guest', username: 'guest' });

const CONTEXT_KEY = 'swagAuth';

/** Mounted first by the HTTP app so requireUser finds this replica's auth on every request. */
export function provideAuth(context: AuthContext): RequestHandler {
  return (_req, res, next) => {
    res.locals[CONTEXT_KEY] = context;
    next();
  };
}

/**
 * Sets `res.locals.user = {id, username}` (and `res.locals.sessionId`) from the `swag_session` cookie or an
 * `Authorization: Bearer <token>` header; otherwise answers 401 E_AUTH as JSON.
 * With SWAGBOARD_AUTH=open a request without a valid session continues as GUEST_USER.
 */
export async function requireUser(req: Request, res: Response, next: NextFunction): Promise<void> {
  const context = res.locals[CONTEXT_KEY] as AuthContext | undefined;
  if (!context) return next(new Error('requireUser needs provideAuth mounted before it'));
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookie = readCookie(req, SESSION_COOKIE);
  if (context.mode === 'open' && bearer === undefined && cookie === undefined) {
    res.locals.user = GUEST_USER;
    return next();
  }
  try {
    if (bearer !== undefined) {
      const { user, sessionId } = await context.auth.authenticate(bearer);
      res.locals.user = user;
      res.locals.sessionId = sessionId;
    } else {
      const session = await context.auth.session(cookie);
      res.locals.user = session.user;
      res.locals.sessionId = session.id;
    }
    next();
  } catch (error) {
    const swagError = toSwagError(error);
    if (context.mode === 'open' && swagError.code === 'E_AUTH') {
      res.locals.user = GUEST_USER;
      return next();
    }
    if (swagError.code !== 'E_AUTH') return next(error);
    res.status(swagError.status).json({ error: { code: swagError.code, message: swagError.message } });
  }
}

export function userOf(res: Response): RequestUser {
  const user = res.locals.user as RequestUser | undefined;
  if (!user) throw new SwagError('E_AUTH');
  return user;
}
