import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { BoardService } from '../board/board-service.ts';
import { SwagError } from '../errors.ts';
import { BOARD_ID_PATTERN, isBoardId, type TaskFilter } from '../board/task.ts';
import { assignee, column, notes, tag, tagQuery, title } from '../board/task-schema.ts';
import { TYPING_TTL_MS } from '../bus/bus-envelope.ts';
import type { Fanout } from '../bus/fanout.ts';
import { GUEST_USER } from '../auth/middleware.ts';
import type { EndedSession } from '../auth/auth-store.ts';
import { canAccessBoard, type MembershipStore } from '../auth/membership.ts';
import type { Clock } from '../clock.ts';
import type { AuthMode } from '../config.ts';
import { actorOf } from '../http/board-access.ts';
import type { Admission } from '../gateway/admission.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { BoardStreams } from '../stream/board-streams.ts';
import { publicDir } from './assets.ts';
import { boardStreamRoute } from './board-stream-route.ts';
import { dropTarget } from './drop-target.ts';
import { pageUser, type PageUser } from './page-auth.ts';
import { pageErrorHandler, parseForm } from './page-errors.ts';
import { StreamSessions } from './stream-sessions.ts';
import type { SseLimits } from './sse-stream.ts';
import { authPage } from './views/auth-page.ts';
import { boardListPage } from './views/board-list-page.ts';
import { boardPage } from './views/board-page.ts';
import type { CardContext } from './views/task-card.ts';

export interface PageDeps {
  service: BoardService;
  fanout: Fanout;
  /** Live board events, as the WebSocket gateway gets them: one stream per page. */
  streams: BoardStreams;
  membership: MembershipStore;
  authMode: AuthMode;
  replica: string;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Shared with the WebSocket gateway: a page stream counts like a connection. */
  admission: Admission;
  /** Unsent bytes a page stream may hold before typing is dropped (soft) and the stream is cut (hard). */
  streamLimits?: SseLimits;
  /** SSE keepalive comment interval. */
  keepaliveMs?: number;
  /** Of these sessions, those signed out or expired: checked for the open streams every `sessionCheckMs`. */
  endedSessions?: (sessionIds: string[]) => Promise<EndedSession[]>;
  /** A stream outlives its session's end (a revocation the bus lost, an expiry) by at most this long. */
  sessionCheckMs?: number;
}

export interface Page {
  router: Router;
  /**
   * Ends this replica's streams opened through `sessionId`, telling each page why (`signedout`), as the gateway
   * closes that session's sockets with 4001. Called for a sign-out here and for one that came over the bus.
   */
  revokeSession(sessionId: string): void;
  /** Ends every open stream; browsers reconnect, through a proxy to another replica. */
  close(): Promise<void>;
}

const ACTIVITY_ROWS = 30;
const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tagsText = z
  .string()
  .transform((text) => [...new Set(text.split(/[\s,]+/).filter((word) => word !== ''))])
  .pipe(z.array(tag).max(16, { message: 'at most 16 tags' }));
/** The card's edit form posts title and notes together; either may come alone (e.g. the notes field on blur). */
const taskFields = z
  .object({
    title: title.optional(),
    // Browsers submit textarea line breaks as CRLF; store them as LF, like the WebSocket clients send.
    notes: z
      .string()
      .transform((text) => text.replace(/\r\n?/g, '\n'))
      .pipe(notes)
      .optional(),
    // One text field: tags separated by spaces or commas, e.g. "bug, ui".
    tags: tagsText.optional(),
    // The members select; "" is "Nobody".
    assignee: z
      .string()
      .transform((id) => (id === '' ? null : id))
      .pipe(assignee)
      .optional(),
  })
  .refine((fields) => fields.title !== undefined || fields.notes !== undefined || fields.tags !== undefined, {
    message: 'send a title, notes or tags',
  });
/** In a filtered view the create form carries the filter's tags, so the new card stays in view. */
const newTask = z.object({ title, column, tags: tagsText.optional() });
const newBoard = z.object({
  id: z.string().trim().regex(BOARD_ID_PATTERN, { message: 'use lower-case letters, digits and dashes' }),
  name: z.string().trim().max(200).optional(),
});
/**
 * The "→ Doing" buttons and ←/→ keys send a column; the ↑/↓ buttons and keys an offset within the task's own
 * column; a drop sends a column and the card it landed before (none: the end).
 */
const moveFields = z.object({
  column: column.optional(),
  offset: z.coerce.number().int().min(-1).max(1).optional(),
  before: z.string().regex(TASK_ID, { message: 'expected a task id' }).optional(),
});
/** `?tag=a&tag=b`: the board shows only tasks having every tag; invalid tags are a 400 page. */
const boardQuery = z.object({ tag: tagQuery.optional() });

function taskParam(req: Request): string {
  const id = String(req.params.task);
  if (!TASK_ID.test(id)) throw new SwagError('E_TASK_NOT_FOUND', 'no such task');
  return id;
}

const userOf = (res: Response): PageUser => res.locals.user as PageUser;

/** Depth-relative way back to the site root from a request path, e.g. "../" from /boards/demo. */
const rootOf = (path: string): string => '../'.repeat(Math.max(0, path.split('/').length - 2));

const form = express.urlencoded({ extended: false, limit: '16kb' });

/** Form posts must come from htmx: a custom header cannot be sent cross-site without CORS, so this stops CSRF. */
const htmxOnly: RequestHandler = (req, _res, next) =>
  next(req.get('HX-Request') === 'true' ? undefined : new SwagError('E_FORM_NOT_FROM_PAGE'));

export function createPage(deps: PageDeps): Page {
  const { service, fanout, membership, log } = deps;
  const open = deps.authMode === 'open';
  const pageConnection = `page-${deps.replica}`;
  const access = { mode: deps.authMode, membership };
  const streams = new StreamSessions({
    metrics: deps.metrics,
    log,
    clock: deps.clock,
    endedSessions: deps.endedSessions,
    checkEveryMs: deps.sessionCheckMs,
  });
  const router = Router();
  const requirePageUser = pageUser(rootOf);

  /** Members name the assignee on cards and fill the assignee select; with auth open there are none to offer. */
  const cardContext = async (board: string): Promise<CardContext> =>
    open ? {} : { members: await membership.membersOf(board) };

  const filterOf = (req: Request): TaskFilter => {
    const { tag: tags } = parseForm(boardQuery, req.query);
    return tags && tags.length > 0 ? { tags } : {};
  };

  const board = async (req: Request, res: Response): Promise<string> => {
    const id = String(req.params.board);
    if (!isBoardId(id)) throw new SwagError('E_BOARD_NOT_FOUND', 'There is no such board.');
    if (!(await canAccessBoard(access, userOf(res).id, id)))
      throw new SwagError('E_FORBIDDEN', `You are not a member of board ${id}; ask its owner to add you.`);
    return id;
  };

  router.use('/assets', express.static(publicDir(), { maxAge: '1h', index: false }));
  router.get('/', (_req, res) => res.redirect(303, 'boards'));
  router.get('/signin', (_req, res) => void res.type('html').send(authPage('signin').value));
  router.get('/signup', (_req, res) => void res.type('html').send(authPage('signup').value));

  router.get('/boards', requirePageUser, async (_req, res) => {
    const user = userOf(res);
    const boards = user === GUEST_USER ? [] : await membership.boardsOf(user.id);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(boardListPage(user, boards).value);
  });

  /** Creates a board owned by the signed-in user (open mode: a guest's board has no owner), then opens it. */
  router.post('/boards', requirePageUser, htmxOnly, form, async (req, res) => {
    const { id, name } = parseForm(newBoard, req.body);
    const user = userOf(res);
    if (user === GUEST_USER) await service.openBoards([id]);
    else await membership.createBoard(id, name || id, user.id);
    res.set('HX-Redirect', `boards/${id}`).status(204).end();
  });

  router.get('/boards/:board', requirePageUser, async (req, res) => {
    const id = await board(req, res);
    const filter = filterOf(req);
    if (open) await service.openBoards([id]);
    const user = userOf(res);
    const [{ seq, tasks }, activity, role, context] = await Promise.all([
      service.listTasks(id),
      service.listActivity(id, { limit: ACTIVITY_ROWS }),
      user === GUEST_USER ? undefined : membership.roleOf(user.id, id),
      cardContext(id),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(boardPage({ user, board: id, seq, tasks, activity, isOwner: role === 'owner', filter, context }).value);
  });

  router.get(
    '/boards/:board/stream',
    requirePageUser,
    boardStreamRoute({ ...deps, sessions: streams, boardOf: board, filterOf, cardContext }),
  );

  router.post('/boards/:board/tasks', requirePageUser, htmxOnly, form, async (req, res) => {
    const id = await board(req, res);
    const fields = parseForm(newTask, req.body);
    await service.createTask(id, fields, deps.clock.now(), actorOf(res));
    res.status(204).end();
  });
  router.post('/boards/:board/tasks/:task', requirePageUser, htmxOnly, form, async (req, res) => {
    const id = await board(req, res);
    await service.updateTask(id, taskParam(req), parseForm(taskFields, req.body), deps.clock.now(), actorOf(res));
    res.status(204).end();
  });
  router.post('/boards/:board/tasks/:task/move', requirePageUser, htmxOnly, form, async (req, res) => {
    const id = await board(req, res);
    const { column, offset, before } = parseForm(moveFields, req.body);
    const taskId = taskParam(req);
    const target =
      offset !== undefined
        ? { offset }
        : before !== undefined && column !== undefined
          ? dropTarget((await service.listTasks(id)).tasks, taskId, column, before)
          : { column };
    await service.moveTask(id, taskId, target, deps.clock.now(), actorOf(res));
    res.status(204).end();
  });
  router.post('/boards/:board/tasks/:task/delete', requirePageUser, htmxOnly, async (req, res) => {
    const id = await board(req, res);
    await service.deleteTask(id, taskParam(req), deps.clock.now(), actorOf(res));
    res.status(204).end();
  });
  router.post('/boards/:board/tasks/:task/typing', requirePageUser, htmxOnly, async (req, res) => {
    const id = await board(req, res);
    const user = userOf(res);
    // connectionId names this replica's page, not a socket: page viewers skip their own user's signals instead.
    await fanout.publishTyping({
      board: id,
      taskId: taskParam(req),
      userId: user.id,
      name: user.username,
      expiresAt: deps.clock.now() + TYPING_TTL_MS,
      connectionId: pageConnection,
    });
    res.status(204).end();
  });

  router.use(pageErrorHandler(deps.metrics, rootOf));

  return {
    router,
    revokeSession(sessionId) {
      streams.revoke(sessionId);
    },
    async close() {
      streams.close();
    },
  };
}
