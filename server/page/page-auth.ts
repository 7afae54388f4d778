import type { RequestHandler } from 'express';
import { requireUser, type RequestUser } from '../auth/middleware.ts';
import { ERRORS } from '../errors.ts';

export type PageUser = RequestUser;

/**
 * requireUser for pages: where the API answers 401 JSON, a page redirects to sign-in (`root` is the relative
 * way back to the site root) and an htmx request gets a plain 401 that page.js turns into that redirect.
 * The failure is requireUser's, so it is counted by reason like the API's.
 */
export function pageUser(rootOf: (path: string) => string): RequestHandler {
  return (req, res, next) => {
    const toSignIn = () => {
      if (req.get('HX-Request') || req.method !== 'GET' || req.path.endsWith('/stream'))
        res.status(ERRORS.E_AUTH.status).type('text').send('sign in first');
      else res.redirect(303, `${rootOf(req.path)}signin`);
    };
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.json = json;
      if (res.statusCode === ERRORS.E_AUTH.status) {
        toSignIn();
        return res;
      }
      return json(body);
    };
    void requireUser(req, res, (error?: unknown) => {
      res.json = json;
      if (error) return next(error);
      next();
    });
  };
}
