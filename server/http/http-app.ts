import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { authRouter } from '../auth/auth-router.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import type { MembershipStore } from '../auth/membership.ts';
import { provideAuth } from '../auth/middleware.ts';
import type { BoardService } from '../board/board-service.ts';
import type { AuthMode } from '../config.ts';
import { ERRORS, SwagError, toSwagError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { boardsRouter } from './boards-router.ts';
import { healthRouter, type HealthCheck } from './health.ts';
import { tasksRouter } from './tasks-router.ts';
import type { Clock } from '../clock.ts';

export interface HttpAppDeps {
  service: BoardService;
  metrics: Metrics;
  log: Logger;
  replica: string;
  maxFrameBytes: number;
  checks: HealthCheck[];
  isDraining: () => boolean;
  /** For the health checks' timeout. */
  clock: Clock;
  authMode: AuthMode;
  auth: AuthService;
  users: AuthStore;
  membership: MembershipStore;
  /** More routes after the API's, e.g. the HTML page (server/page). */
  routers?: Router[];
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRouter(deps.replica, deps.checks, deps.isDraining, deps.clock));
  app.use('/api', jsonBodiesOnly);
  app.use(express.json({ limit: deps.maxFrameBytes }));
  app.use(provideAuth({ mode: deps.authMode, auth: deps.auth }));
  app.use(authRouter(deps.auth));
  app.use(boardsRouter({ membership: deps.membership, users: deps.users, auth: deps.auth }));
  app.use(tasksRouter(deps.service, deps.authMode, deps.membership));
  for (const router of deps.routers ?? []) app.use(router);
  app.use((_req, _res, next) => next(new SwagError('E_NOT_FOUND')));

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const swagError = bodyParserError(error) ?? toSwagError(error);
    deps.metrics.errors.inc({ code: swagError.code });
    if (swagError.code === 'E_INTERNAL' || swagError.code === 'E_UNAVAILABLE')
      deps.log.error({ err: error }, 'request failed');
    // A refusal that says when to come back (bounded admission) carries it, instead of leaving the client to guess.
    const entry = ERRORS[swagError.code];
    if ('retryAfterSeconds' in entry) res.set('Retry-After', String(entry.retryAfterSeconds));
    res.status(swagError.status).json({ error: { code: swagError.code, message: swagError.message } });
  };
  app.use(onError);
  return app;
}

/**
 * The API reads JSON only: a body of any other type would otherwise be skipped by express.json() and fail later as
 * a missing field. Requests without a body (GET, DELETE, sign-out) pass.
 */
const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || req.is('application/json')) return next();
  next(
    new SwagError(
      'E_UNSUPPORTED_MEDIA_TYPE',
      `request body of type ${req.headers['content-type'] ?? '(none)'}; send application/json`,
    ),
  );
};

/** express.json() reports its failures as http-errors with a `type`. */
function bodyParserError(error: unknown): SwagError | undefined {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') return new SwagError('E_FRAME_TOO_LARGE', 'request body is larger than the limit');
  if (type === 'entity.parse.failed') return new SwagError('E_BAD_JSON', 'request body is not valid JSON');
  return undefined;
}
