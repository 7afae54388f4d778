import type { BoardEvent } from '../board/board-event.ts';
import type { BoardId, Task, TaskFilter, TaskId } from '../board/task.ts';
import type { TypingSignal } from '../bus/bus-envelope.ts';
import { systemClock, type Cancel, type Clock } from '../clock.ts';
import { sortMembers, type Member } from '../presence/member.ts';
import type { PresenceUpdate } from '../presence/presence-tracker.ts';
import type { Subscriber } from '../stream/board-streams.ts';
import { BoardModel } from './board-model.ts';
import { activityFragment, columnsFragment, eventFragment, presenceFragment, typingFragment } from './fragments.ts';
import { html } from './html.ts';
import { COLUMNS, type CardContext } from './views/task-card.ts';
import type { PageUser } from './page-auth.ts';
import type { SseStream } from './sse-stream.ts';

/**
 * An event's fragment is the same for every viewer with the same filter: each keeps its own model, but they all
 * hold the same board after the same event. Fan-out hands each sink the same event object.
 */
const rendered = new WeakMap<BoardEvent, Map<string, string>>();

export interface ViewerOptions {
  filter?: TaskFilter;
  context?: CardContext;
  /** For typing expiry. */
  clock?: Clock;
}

/**
 * One browser's SSE stream of one board, rendered from its BoardStream (which gives each event once, in order,
 * after the snapshot): board events, presence and typing, all as htmx out-of-band fragments on the `update` event.
 */
export class BoardViewer implements Subscriber {
  /** Who is online, by user id, kept from the tracker's full list and deltas. */
  private readonly online = new Map<string, Member>();
  /** Per task, who types there (user id → name and the timer that ends it). */
  private readonly typists = new Map<TaskId, Map<string, { name: string; cancel: Cancel }>>();
  private model = new BoardModel();
  private readonly filter: TaskFilter;
  private readonly filterKey: string;
  private readonly context: CardContext;
  private readonly clock: Clock;

  constructor(
    readonly board: BoardId,
    readonly user: PageUser,
    private readonly stream: SseStream,
    private after: number,
    options: ViewerOptions = {},
  ) {
    this.filter = options.filter ?? {};
    this.filterKey = JSON.stringify(this.filter);
    this.context = options.context ?? {};
    this.clock = options.clock ?? systemClock;
  }

  /** The next event after the snapshot; never counted as handed to a socket (the socket hops are WebSocket's). */
  event(event: BoardEvent): boolean {
    this.send(event);
    return false;
  }

  /** Too far behind to catch up in place: the browser reconnects with its Last-Event-ID and gets a new snapshot. */
  reset(): void {
    this.stream.end();
  }

  /** The SSE stream has its own bound (cut past hard), so a replay need not wait. */
  drained(): Promise<void> {
    return Promise.resolve();
  }

  /** A gap could not be read from Postgres: end the stream; the browser reconnects and redraws from a snapshot. */
  failed(): void {
    this.stream.end();
  }

  /**
   * Starts from the board as of `snapshot.seq`. A page rendered before that (it missed events: a reconnect, or
   * changes between render and stream) gets the missed events' activity rows and its columns redrawn; the board
   * stream then starts after `snapshot.seq`, with the live events that arrived meanwhile.
   */
  catchUp(snapshot: { seq: number; tasks: Task[] }, missed: BoardEvent[]): void {
    this.model = new BoardModel(snapshot.tasks);
    if (snapshot.seq > this.after) {
      const rows = missed.filter((event) => event.seq > this.after && event.seq <= snapshot.seq);
      const fragment = html`${rows.map(activityFragment)}${columnsFragment(this.model, this.filter, this.context, COLUMNS)}`;
      this.stream.send('update', fragment.value, snapshot.seq);
      this.after = snapshot.seq;
    }
  }

  /**
   * The same updates WebSocket clients get (a full list, then deltas, at most one per board per coalescing
   * interval); the page re-renders the whole list, which is cheap at that rate.
   */
  presence(_board: BoardId, update: PresenceUpdate): void {
    if (update.type === 'presence') {
      this.online.clear();
      for (const member of update.members) this.online.set(member.userId, member);
    } else {
      for (const member of update.left) this.online.delete(member.userId);
      for (const member of update.joined) this.online.set(member.userId, member);
    }
    const members = sortMembers([...this.online.values()]);
    this.stream.send(
      'update',
      presenceFragment(members.map((member) => ({ id: member.userId, username: member.name }))).value,
    );
  }

  /** Typing from pages and WebSocket clients alike, shown until the signal expires; not one's own. */
  typing(signal: TypingSignal): void {
    if (signal.userId === this.user.id || signal.taskId === null || !this.stream.isOpen) return;
    const taskId = signal.taskId;
    let typists = this.typists.get(taskId);
    if (!typists) this.typists.set(taskId, (typists = new Map()));
    const previous = typists.get(signal.userId);
    previous?.cancel();
    const cancel = this.clock.after(Math.max(0, signal.expiresAt - this.clock.now()), () =>
      this.stopTyping(taskId, signal.userId),
    );
    typists.set(signal.userId, { name: signal.name, cancel });
    if (!previous) this.renderTyping(taskId);
  }

  /** Stops the typing timers; the stream closed. */
  close(): void {
    for (const typists of this.typists.values()) for (const { cancel } of typists.values()) cancel();
    this.typists.clear();
  }

  private stopTyping(taskId: TaskId, userId: string): void {
    const typists = this.typists.get(taskId);
    if (!typists?.delete(userId)) return;
    if (typists.size === 0) this.typists.delete(taskId);
    this.renderTyping(taskId);
  }

  private renderTyping(taskId: TaskId): void {
    const names = [...(this.typists.get(taskId)?.values() ?? [])].map((typist) => typist.name);
    this.stream.send('update', typingFragment(taskId, names).value, undefined, 'droppable');
  }

  private send(event: BoardEvent): void {
    const change = this.model.apply(event);
    let byFilter = rendered.get(event);
    if (!byFilter) rendered.set(event, (byFilter = new Map()));
    let fragment = byFilter.get(this.filterKey);
    if (fragment === undefined) {
      fragment = eventFragment(event, change, this.model, this.filter, this.context).value;
      byFilter.set(this.filterKey, fragment);
    }
    this.stream.send('update', fragment, event.seq);
  }
}
