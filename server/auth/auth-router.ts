import { Router } from 'express';
import { parseBody } from '../http/parse.ts';
import { credentialsSchema, type AuthService } from './auth-service.ts';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './cookies.ts';

/** Sign-up, sign-in (session cookie), WebSocket tokens and sign-out. */
export function authRouter(auth: AuthService): Router {
  const router = Router();

  router.post('/api/auth/signup', async (req, res) => {
    const { username, password } = parseBody(credentialsSchema, req.body);
    const user = await auth.signup(username, password);
    res.status(201).json({ user });
  });

  router.post('/api/auth/signin', async (req, res) => {
    const { username, password } = parseBody(credentialsSchema, req.body);
    const signedIn = await auth.signin(username, password);
    setSessionCookie(req, res, signedIn.sessionId, signedIn.sessionExpiresAt);
    res.json({ token: signedIn.token, expiresAt: signedIn.expiresAt, user: signedIn.user });
  });

  router.post('/api/auth/token', async (req, res) => {
    const issued = await auth.tokenFor(readCookie(req, SESSION_COOKIE));
    res.json({ token: issued.token, expiresAt: issued.expiresAt, user: issued.user });
  });

  router.post('/api/auth/signout', async (req, res) => {
    const sessionId = readCookie(req, SESSION_COOKIE);
    if (sessionId !== undefined) {
      const session = await auth.session(sessionId).catch(() => undefined);
      if (session) await auth.signout(session.id);
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
