import { Router, type Request } from "express";
import { z } from "zod";
import { taskIdOf, type BoardService } from "../board/board-service.ts";
import { BOARD_ID_PATTERN, COLUMN_MAX_LENGTH, TITLE_MAX_LENGTH } from "../board/task.ts";
import { SwagError } from "../errors.ts";

export const EVENTS_PAGE_MAX = 1000;

const createTaskBody = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX_LENGTH),
  column: z.string().trim().min(1).max(COLUMN_MAX_LENGTH),
  clientTs: z.number().finite().nonnegative().optional(),
});

const eventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(100),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new SwagError("E_BAD_FRAME", result.error.issues.map((issue) => `field "${issue.path.join(".")}": ${issue.message}`).join("; "));
}

function boardParam(req: Request): string {
  const board = String(req.params.board);
  if (!BOARD_ID_PATTERN.test(board)) throw new SwagError("E_BAD_FRAME", 'field "board": expected a board slug matching ^[a-z0-9][a-z0-9-]{0,63}$');
  return board;
}

export function tasksRouter(service: BoardService): Router {
  const router = Router();

  router.get("/api/boards/:board/tasks", async (req, res) => {
    const board = boardParam(req);
    const { seq, tasks } = await service.listTasks(board);
    res.json({ board, seq, tasks });
  });

  /** Like task.create over WebSocket; creates the board if absent, as hello does. */
  router.post("/api/boards/:board/tasks", async (req, res) => {
    const board = boardParam(req);
    const body = parse(createTaskBody, req.body);
    await service.openBoards([board]);
    const event = await service.createTask(board, { title: body.title, column: body.column }, body.clientTs);
    res.status(201).json({ seq: event.seq, taskId: taskIdOf(event), event });
  });

  router.get("/api/boards/:board/events", async (req, res) => {
    const board = boardParam(req);
    const { after, limit } = parse(eventsQuery, req.query);
    const events = await service.listEvents(board, after, limit);
    res.json({ board, events });
  });

  return router;
}
