import type { BoardId } from '../board/task.ts';
import type { Bus, Unsubscribe } from '../bus/bus.ts';
import type { Cancel, Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { diffMembers, sortMembers, type Member } from './member.ts';

export type { Member } from './member.ts';

/** What a local viewer of a board is told: the full list (first, or on request), then only changes. */
export type PresenceUpdate =
  | { type: 'presence'; frame: string; members: Member[] }
  | { type: 'presence.delta'; frame: string; joined: Member[]; left: Member[] };

/** A local connection (or page stream) that follows who is online on a board. */
export interface PresenceSink {
  presence(board: BoardId, update: PresenceUpdate): void;
}

export const PRESENCE_CHANNEL = 'swagboard.presence';
/** A replica silent for this many heartbeats is considered dead and its users go offline. */
export const MISSED_HEARTBEATS = 3;
/** Presence of one board goes out at most once per this many ms, carrying every change since the last time. */
export const DEFAULT_PRESENCE_COALESCE_MS = 250;

type PresenceMessage =
  | { v: 1; kind: 'heartbeat'; replica: string; boards: Record<BoardId, Member[]> }
  | { v: 1; kind: 'board'; replica: string; board: BoardId; members: Member[] }
  | { v: 1; kind: 'bye'; replica: string };

interface RemoteReplica {
  seenAt: number;
  boards: Map<BoardId, Member[]>;
}

/** One board as this replica's viewers know it. */
interface BoardView {
  /** The members as last sent; every delta is relative to this. */
  members: Map<string, Member>;
  /** Its full `presence` update, built on demand. */
  snapshot: PresenceUpdate | undefined;
  /** Local sinks that joined since the last flush: they get the full list, not the delta. */
  newcomers: Set<PresenceSink>;
  /** This replica's own members changed since the last flush: tell the other replicas. */
  localChanged: boolean;
  cancelFlush: Cancel | undefined;
  flushedAt: number;
}

export interface PresenceTrackerDeps {
  bus: Bus;
  replica: string;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  heartbeatMs: number;
  /** Default DEFAULT_PRESENCE_COALESCE_MS. */
  coalesceMs?: number;
}

/**
 * Who is online on each board across replicas. Each replica owns its local members, publishes them when they
 * change and in full every heartbeat, and forgets a replica that missed MISSED_HEARTBEATS of them, so a killed
 * replica leaves no ghosts for longer than about three heartbeats. Nothing is stored.
 *
 * Changes are coalesced per board: at most one flush per `coalesceMs`, in which viewers get one delta
 * (joined/left) and viewers new since the last flush the full list. So a burst of k joins costs about k frames
 * of one member each per viewer, not k full lists.
 */
export class PresenceTracker {
  private readonly local = new Map<BoardId, Map<PresenceSink, Member>>();
  private readonly remote = new Map<string, RemoteReplica>();
  private readonly views = new Map<BoardId, BoardView>();
  private readonly coalesceMs: number;
  private membersShown = 0;
  private stopHeartbeat: Cancel | undefined;
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly deps: PresenceTrackerDeps) {
    this.coalesceMs = deps.coalesceMs ?? DEFAULT_PRESENCE_COALESCE_MS;
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(PRESENCE_CHANNEL, (payload) => this.receive(payload));
    this.stopHeartbeat = this.deps.clock.every(this.deps.heartbeatMs, () => this.tick());
  }

  /** Adds a connection's user to the board; the sink gets the full list at the board's next flush. */
  join(board: BoardId, sink: PresenceSink, member: Member): void {
    let sinks = this.local.get(board);
    if (!sinks) this.local.set(board, (sinks = new Map()));
    sinks.set(sink, member);
    const view = this.viewOf(board);
    view.newcomers.add(sink);
    view.localChanged = true;
    this.schedule(board, view);
  }

  leave(board: BoardId, sink: PresenceSink): void {
    const sinks = this.local.get(board);
    if (!sinks?.delete(sink)) return;
    if (sinks.size === 0) this.local.delete(board);
    const view = this.viewOf(board);
    view.newcomers.delete(sink);
    view.localChanged = true;
    this.schedule(board, view);
  }

  /** The full list as last sent to the board's viewers: what later deltas apply to (for a request or after backpressure). */
  snapshot(board: BoardId): PresenceUpdate {
    const view = this.views.get(board);
    if (!view) return fullUpdate(board, []);
    view.snapshot ??= fullUpdate(board, sortMembers([...view.members.values()]));
    return view.snapshot;
  }

  /** Tells the other replicas this one's users are gone, then stops. */
  async close(): Promise<void> {
    this.stopHeartbeat?.();
    for (const view of this.views.values()) view.cancelFlush?.();
    await this.publish({ v: 1, kind: 'bye', replica: this.deps.replica });
    await this.unsubscribe?.().catch(() => undefined);
  }

  private viewOf(board: BoardId): BoardView {
    let view = this.views.get(board);
    if (!view) {
      view = {
        members: new Map(),
        snapshot: undefined,
        newcomers: new Set(),
        localChanged: false,
        cancelFlush: undefined,
        flushedAt: -Infinity,
      };
      this.views.set(board, view);
    }
    return view;
  }

  /** Flushes at once when the board was quiet for coalesceMs (after the current tick), else when that much has passed. */
  private schedule(board: BoardId, view: BoardView = this.viewOf(board)): void {
    if (view.cancelFlush) return;
    const delay = Math.max(0, view.flushedAt + this.coalesceMs - this.deps.clock.now());
    view.cancelFlush = this.deps.clock.after(delay, () => this.flush(board));
  }

  private flush(board: BoardId): void {
    const view = this.views.get(board);
    if (!view) return;
    view.cancelFlush = undefined;
    view.flushedAt = this.deps.clock.now();
    if (view.localChanged) {
      view.localChanged = false;
      this.publishBoard(board);
    }
    const current = this.currentMembers(board);
    const { joined, left } = diffMembers(view.members, current);
    this.membersShown += current.size - view.members.size;
    this.deps.metrics.presenceMembers.set(this.membersShown);
    const sinks = this.local.get(board);
    if (joined.length > 0 || left.length > 0) {
      view.members = current;
      view.snapshot = undefined;
      const delta: PresenceUpdate = {
        type: 'presence.delta',
        frame: JSON.stringify({ type: 'presence.delta', board, joined, left }),
        joined,
        left,
      };
      for (const sink of sinks?.keys() ?? []) if (!view.newcomers.has(sink)) sink.presence(board, delta);
    }
    if (view.newcomers.size > 0) {
      const full = this.snapshot(board);
      for (const sink of view.newcomers) sink.presence(board, full);
      view.newcomers.clear();
    }
    if (!sinks && current.size === 0 && !view.localChanged) this.views.delete(board);
  }

  private currentMembers(board: BoardId): Map<string, Member> {
    const byId = new Map<string, Member>();
    for (const member of this.local.get(board)?.values() ?? []) byId.set(member.userId, member);
    for (const replica of this.remote.values())
      for (const member of replica.boards.get(board) ?? []) byId.set(member.userId, member);
    return byId;
  }

  private tick(): void {
    const boards: Record<BoardId, Member[]> = {};
    for (const board of this.local.keys()) boards[board] = this.localMembers(board);
    void this.publish({ v: 1, kind: 'heartbeat', replica: this.deps.replica, boards });
    const deadline = this.deps.clock.now() - MISSED_HEARTBEATS * this.deps.heartbeatMs;
    for (const [replica, state] of this.remote) {
      if (state.seenAt >= deadline) continue;
      this.deps.log.info({ replica }, 'replica missed its presence heartbeats; dropping its users');
      this.remote.delete(replica);
      for (const board of state.boards.keys()) this.schedule(board);
    }
  }

  private receive(payload: string): void {
    let message: PresenceMessage;
    try {
      message = JSON.parse(payload) as PresenceMessage;
    } catch {
      return;
    }
    if (message?.v !== 1 || typeof message.replica !== 'string' || message.replica === this.deps.replica) return;
    const previous = this.remote.get(message.replica);
    const state: RemoteReplica = previous ?? { seenAt: 0, boards: new Map() };
    state.seenAt = this.deps.clock.now();
    const touched = new Set<BoardId>();
    if (message.kind === 'bye') {
      this.remote.delete(message.replica);
      for (const board of state.boards.keys()) this.schedule(board);
      return;
    }
    if (message.kind === 'heartbeat') {
      for (const board of state.boards.keys()) touched.add(board);
      state.boards = new Map(
        Object.entries(message.boards ?? {}).filter(([, members]) => Array.isArray(members) && members.length > 0),
      );
      for (const board of state.boards.keys()) touched.add(board);
    } else if (message.kind === 'board' && typeof message.board === 'string') {
      if (Array.isArray(message.members) && message.members.length > 0)
        state.boards.set(message.board, message.members);
      else state.boards.delete(message.board);
      touched.add(message.board);
    }
    this.remote.set(message.replica, state);
    // A heartbeat usually repeats what is known; flushing finds no difference and sends nothing.
    for (const board of touched) this.schedule(board);
  }

  private localMembers(board: BoardId): Member[] {
    const byId = new Map<string, Member>();
    for (const member of this.local.get(board)?.values() ?? []) byId.set(member.userId, member);
    return [...byId.values()];
  }

  private publishBoard(board: BoardId): void {
    void this.publish({ v: 1, kind: 'board', replica: this.deps.replica, board, members: this.localMembers(board) });
  }

  private async publish(message: PresenceMessage): Promise<void> {
    try {
      await this.deps.bus.publish(PRESENCE_CHANNEL, JSON.stringify(message));
    } catch (error) {
      this.deps.log.debug({ err: error }, 'presence publish failed; the next heartbeat repeats it');
    }
  }
}

function fullUpdate(board: BoardId, members: Member[]): PresenceUpdate {
  return { type: 'presence', frame: JSON.stringify({ type: 'presence', board, members }), members };
}
