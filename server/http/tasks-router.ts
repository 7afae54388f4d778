import { Router } from "express";
import { z } from "zod";
import { taskIdOf, type BoardService } from "../board/board-service.ts";
import { COLUMN_MAX_LENGTH, NOTES_MAX_LENGTH, TITLE_MAX_LENGTH } from "../board/task.ts";
import type { AuthMode } from "../config.ts";
import { actorOf, boardAccess } from "./board-access.ts";
import { boardParam, parseBody } from "./parse.ts";

export const EVENTS_PAGE_MAX = 1000;
export const ACTIVITY_PAGE_MAX = 200;

const createTaskBody = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX_LENGTH),
  column: z.string().trim().min(1).max(COLUMN_MAX_LENGTH),
  clientTs: z.number().finite().nonnegative().optional(),
});

const updateTaskBody = z
  .object({
    title: z.string().trim().min(1).max(TITLE_MAX_LENGTH).optional(),
    notes: z.string().max(NOTES_MAX_LENGTH).optional(),
    clientTs: z.number().finite().nonnegative().optional(),
  })
  .refine((body) => body.title !== undefined || body.notes !== undefined, { message: 'expected "title", "notes" or both', path: ["title"] });

const eventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(100),
});

const activityQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(ACTIVITY_PAGE_MAX).default(50),
});

const taskIdParam = z.object({ taskId: z.uuid({ message: "expected a task id (UUID)" }) });

export function tasksRouter(service: BoardService, mode: AuthMode = "open"): Router {
  const router = Router();
  const access = boardAccess(mode);

  router.get("/api/boards/:board/tasks", ...access, async (req, res) => {
    const board = boardParam(req);
    const { seq, tasks } = await service.listTasks(board);
    res.json({ board, seq, tasks });
  });

  /** Like task.create over WebSocket. With SWAGBOARD_AUTH=open it creates the board if absent, as hello does. */
  router.post("/api/boards/:board/tasks", ...access, async (req, res) => {
    const board = boardParam(req);
    const body = parseBody(createTaskBody, req.body);
    if (mode === "open") await service.openBoards([board]);
    const event = await service.createTask(board, { title: body.title, column: body.column }, body.clientTs, actorOf(res));
    res.status(201).json({ seq: event.seq, taskId: taskIdOf(event), event });
  });

  /** Like task.update over WebSocket: title and/or notes. */
  router.patch("/api/boards/:board/tasks/:taskId", ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const body = parseBody(updateTaskBody, req.body);
    const event = await service.updateTask(board, taskId, { title: body.title, notes: body.notes }, body.clientTs, actorOf(res));
    res.json({ seq: event.seq, taskId, event });
  });

  router.get("/api/boards/:board/events", ...access, async (req, res) => {
    const board = boardParam(req);
    const { after, limit } = parseBody(eventsQuery, req.query);
    const events = await service.listEvents(board, after, limit);
    res.json({ board, events });
  });

  router.get("/api/boards/:board/activity", ...access, async (req, res) => {
    const board = boardParam(req);
    const { before, limit } = parseBody(activityQuery, req.query);
    const activity = await service.listActivity(board, { before, limit });
    res.json({ board, activity, nextBefore: activity.length === limit ? activity.at(-1)?.seq ?? null : null });
  });

  router.get("/api/boards/:board/tasks/:taskId/activity", ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const { before, limit } = parseBody(activityQuery, req.query);
    const activity = await service.listActivity(board, { before, limit, taskId });
    res.json({ board, taskId, activity, nextBefore: activity.length === limit ? activity.at(-1)?.seq ?? null : null });
  });

  return router;
}
