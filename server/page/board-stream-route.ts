import type { Request, Response } from 'express';
import type { BoardService } from '../board/board-service.ts';
import type { BoardId, TaskFilter } from '../board/task.ts';
import type { Clock } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Admission } from '../gateway/admission.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { BoardStreams } from '../stream/board-streams.ts';
import { BoardViewer } from './board-viewer.ts';
import type { PageUser } from './page-auth.ts';
import { SseStream, type SseLimits } from './sse-stream.ts';
import type { StreamSessions } from './stream-sessions.ts';
import type { CardContext } from './views/task-card.ts';

/** Missed events read for a reconnecting page's activity rows; its columns are redrawn from the snapshot anyway. */
const CATCH_UP_LIMIT = 1000;

/** A page stream never replays past its snapshot (it starts there), so no window applies. */
const NO_WINDOW = Number.POSITIVE_INFINITY;

export interface BoardStreamRouteDeps {
  service: BoardService;
  streams: BoardStreams;
  sessions: StreamSessions;
  admission: Admission;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  streamLimits?: SseLimits;
  keepaliveMs?: number;
  /** The board of the request, once its user may see it. */
  boardOf(req: Request, res: Response): Promise<BoardId>;
  filterOf(req: Request): TaskFilter;
  cardContext(board: BoardId): Promise<CardContext>;
}

/** `GET /boards/:board/stream?after=<seq>`: the board's SSE stream, resuming after `after` or Last-Event-ID. */
export function boardStreamRoute(deps: BoardStreamRouteDeps): (req: Request, res: Response) => Promise<void> {
  const { service, streams, sessions, metrics, log } = deps;
  return async (req, res) => {
    const id = await deps.boardOf(req, res);
    const after = Math.max(Number(req.query.after) || 0, Number(req.get('Last-Event-ID')) || 0);
    const sessionId = res.locals.sessionId as string | undefined;
    // Parsed and read before the stream opens: a bad query is then an error page, not a failure inside a sent
    // response, and nothing is awaited between opening the stream and following its close.
    const filter = deps.filterOf(req);
    const context = await deps.cardContext(id);
    if (!deps.admission.hasRoom) {
      const refused = new SwagError('E_OVERLOADED', 'replica is at its connection limit');
      metrics.errors.inc({ code: refused.code });
      return void res.status(refused.status).set('Retry-After', '1').type('text').send(refused.message);
    }
    deps.admission.admit();
    res.on('close', () => deps.admission.release());
    const onOverflow = () => {
      metrics.slowConsumerDisconnects.inc();
      log.info({ board: id }, 'slow page stream; cut past its hard limit, the browser reconnects');
    };
    const sse = new SseStream(res, {
      keepaliveMs: deps.keepaliveMs,
      limits: deps.streamLimits,
      onOverflow,
      clock: deps.clock,
    });
    const user = res.locals.user as PageUser;
    const viewer = new BoardViewer(id, user, sse, after, { filter, context, clock: deps.clock });
    const stream = streams.create(id, viewer, NO_WINDOW);
    const listed = sessions.add(sse, sessionId);
    res.on('close', () => {
      sessions.delete(sse);
      streams.close([stream]);
      viewer.close();
    });
    // Signed out while this request was checked and read: its revocation came before the stream was listed.
    if (!listed) return;
    try {
      const [read] = await streams.open([stream], async () => {
        const snapshot = await service.listTasks(id);
        const missed = snapshot.seq > after ? await service.listEvents(id, after, CATCH_UP_LIMIT) : [];
        return [{ board: id, seq: snapshot.seq, snapshot, missed }];
      });
      if (!read || !sse.isOpen) return;
      viewer.catchUp(read.snapshot, read.missed);
      streams.start(stream, { userId: user.id, name: user.username }, read.seq);
    } catch (error) {
      log.warn({ err: error, board: id }, 'board stream failed');
      sse.end();
    }
  };
}
