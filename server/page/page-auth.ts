import type { RequestHandler } from "express";
import { readCookie, SESSION_COOKIE } from "../auth/cookies.ts";
import { requireUser, type RequestUser } from "../auth/middleware.ts";
import type { AuthMode } from "../config.ts";

export type PageUser = RequestUser;

/**
 * requireUser for pages: where the API answers 401 JSON, a page redirects to sign-in (`root` is the relative
 * way back to the site root) and an htmx request gets a plain 401 that page.js turns into that redirect.
 */
export function pageUser(mode: AuthMode, rootOf: (path: string) => string): RequestHandler {
  return (req, res, next) => {
    const toSignIn = () => {
      if (req.get("HX-Request") || req.method !== "GET" || req.path.endsWith("/stream")) res.status(401).type("text").send("sign in first");
      else res.redirect(303, `${rootOf(req.path)}signin`);
    };
    if (mode === "required" && readCookie(req, SESSION_COOKIE) === undefined) return toSignIn();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      res.json = json;
      if (res.statusCode === 401) {
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
