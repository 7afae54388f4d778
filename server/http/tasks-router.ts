import { Router, type Response } from 'express';
import { z } from 'zod';
import { taskIdOf, type BoardService } from '../board/board-service.ts';
import { assignee, column, notes, position, tagQuery, tags, title, wellFormedText } from '../board/task-schema.ts';
import { ASSIGNEE_MAX_LENGTH, type TaskFilter } from '../board/task.ts';
import type { MembershipStore } from '../auth/membership.ts';
import { GUEST_USER } from '../auth/middleware.ts';
import { SwagError } from '../errors.ts';
import type { AuthMode } from '../config.ts';
import { actorOf, boardAccess } from './board-access.ts';
import { boardParam, parseBody } from './parse.ts';

export const EVENTS_PAGE_MAX = 1000;
export const ACTIVITY_PAGE_MAX = 200;

const createTaskBody = z.object({
  title,
  column,
  tags: tags.optional(),
  assignee: assignee.optional(),
  clientTs: z.number().finite().nonnegative().optional(),
});

const moveTaskBody = z.object({
  column,
  position: position.optional(),
  clientTs: z.number().finite().nonnegative().optional(),
});

const tasksQuery = z.object({
  tag: tagQuery.optional(),
  /** A user id (or, auth open, a name), or "me" for the signed-in caller. */
  assignee: wellFormedText().min(1).max(ASSIGNEE_MAX_LENGTH).optional(),
});

const updateTaskBody = z
  .object({
    title: title.optional(),
    notes: notes.optional(),
    tags: tags.optional(),
    assignee: assignee.optional(),
    clientTs: z.number().finite().nonnegative().optional(),
  })
  .refine(
    (body) =>
      body.title !== undefined || body.notes !== undefined || body.tags !== undefined || body.assignee !== undefined,
    {
      message: 'expected at least one of "title", "notes", "tags", "assignee"',
      path: ['title'],
    },
  );

const eventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(100),
});

const activityQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(ACTIVITY_PAGE_MAX).default(50),
});

const taskIdParam = z.object({ taskId: z.uuid({ message: 'expected a task id (UUID)' }) });

export function tasksRouter(service: BoardService, mode: AuthMode, membership: MembershipStore): Router {
  const router = Router();
  const access = boardAccess(mode, membership);

  router.get('/api/boards/:board/tasks', ...access, async (req, res) => {
    const board = boardParam(req);
    const query = parseBody(tasksQuery, req.query);
    const filter: TaskFilter = {};
    if (query.tag) filter.tags = query.tag;
    if (query.assignee !== undefined) filter.assignee = query.assignee === 'me' ? callerId(res) : query.assignee;
    const { seq, tasks } = await service.listTasks(board, filter);
    res.json({ board, seq, tasks });
  });

  /** Like task.create over WebSocket. With SWAGBOARD_AUTH=open it creates the board if absent, as hello does. */
  router.post('/api/boards/:board/tasks', ...access, async (req, res) => {
    const board = boardParam(req);
    const body = parseBody(createTaskBody, req.body);
    if (mode === 'open') await service.openBoards([board]);
    const event = await service.createTask(
      board,
      { title: body.title, column: body.column, tags: body.tags, assignee: body.assignee },
      body.clientTs,
      actorOf(res),
    );
    res.status(201).json({ seq: event.seq, taskId: taskIdOf(event), event });
  });

  /** Like task.move over WebSocket: to `position` in `column`, default the end. */
  router.post('/api/boards/:board/tasks/:taskId/move', ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const body = parseBody(moveTaskBody, req.body);
    const event = await service.moveTask(
      board,
      taskId,
      { column: body.column, position: body.position },
      body.clientTs,
      actorOf(res),
    );
    res.json({ seq: event.seq, taskId, event });
  });

  /** Like task.delete over WebSocket. */
  router.delete('/api/boards/:board/tasks/:taskId', ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const event = await service.deleteTask(board, taskId, undefined, actorOf(res));
    res.json({ seq: event.seq, taskId, event });
  });

  /** Like task.update over WebSocket: title, notes, tags and/or assignee. */
  router.patch('/api/boards/:board/tasks/:taskId', ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const body = parseBody(updateTaskBody, req.body);
    const { title, notes, tags: newTags, assignee: newAssignee } = body;
    const event = await service.updateTask(
      board,
      taskId,
      { title, notes, tags: newTags, assignee: newAssignee },
      body.clientTs,
      actorOf(res),
    );
    res.json({ seq: event.seq, taskId, event });
  });

  router.get('/api/boards/:board/events', ...access, async (req, res) => {
    const board = boardParam(req);
    const { after, limit } = parseBody(eventsQuery, req.query);
    const events = await service.listEvents(board, after, limit);
    res.json({ board, events });
  });

  router.get('/api/boards/:board/activity', ...access, async (req, res) => {
    const board = boardParam(req);
    const { before, limit } = parseBody(activityQuery, req.query);
    const activity = await service.listActivity(board, { before, limit });
    res.json({ board, activity, nextBefore: activity.length === limit ? (activity.at(-1)?.seq ?? null) : null });
  });

  router.get('/api/boards/:board/tasks/:taskId/activity', ...access, async (req, res) => {
    const board = boardParam(req);
    const { taskId } = parseBody(taskIdParam, req.params);
    const { before, limit } = parseBody(activityQuery, req.query);
    const activity = await service.listActivity(board, { before, limit, taskId });
    // An empty page is either past the task's first event or a task never on the board (deleted ones keep theirs).
    if (
      activity.length === 0 &&
      (before === undefined || (await service.listActivity(board, { limit: 1, taskId })).length === 0)
    ) {
      throw new SwagError('E_TASK_NOT_FOUND', `task ${taskId} has never been on board ${board}`);
    }
    res.json({
      board,
      taskId,
      activity,
      nextBefore: activity.length === limit ? (activity.at(-1)?.seq ?? null) : null,
    });
  });

  return router;
}

/** The signed-in caller's user id, for `assignee=me`; open mode without a sign-in has no "me". */
function callerId(res: Response): string {
  const user = res.locals.user as { id: string } | undefined;
  if (!user || user === GUEST_USER)
    throw new SwagError('E_BAD_FRAME', 'field "assignee": "me" needs a signed-in user; name the assignee instead');
  return user.id;
}
