import express, { type ErrorRequestHandler, type Express } from "express";
import type { BoardService } from "../board/board-service.ts";
import { SwagError, toSwagError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import { healthRouter, type HealthCheck } from "./health.ts";
import { tasksRouter } from "./tasks-router.ts";

export interface HttpAppDeps {
  service: BoardService;
  metrics: Metrics;
  log: Logger;
  replica: string;
  maxFrameBytes: number;
  checks: HealthCheck[];
  isDraining: () => boolean;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRouter(deps.replica, deps.checks, deps.isDraining));
  app.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(express.json({ limit: deps.maxFrameBytes }));
  app.use(tasksRouter(deps.service));
  app.use((_req, _res, next) => next(new SwagError("E_NOT_FOUND")));

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const swagError = bodyParserError(error) ?? toSwagError(error);
    deps.metrics.errors.inc({ code: swagError.code });
    if (swagError.code === "E_INTERNAL" || swagError.code === "E_UNAVAILABLE") deps.log.error({ err: error }, "request failed");
    res.status(swagError.status).json({ error: { code: swagError.code, message: swagError.message } });
  };
  app.use(onError);
  return app;
}

/** express.json() reports its failures as http-errors with a `type`. */
function bodyParserError(error: unknown): SwagError | undefined {
  const type = (error as { type?: unknown }).type;
  if (type === "entity.too.large") return new SwagError("E_FRAME_TOO_LARGE", "request body is larger than the limit");
  if (type === "entity.parse.failed") return new SwagError("E_BAD_JSON", "request body is not valid JSON");
  return undefined;
}
