import type { BoardId } from "../board/task.ts";
import type { Bus, Unsubscribe } from "../bus/bus.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";

export interface Member {
  userId: string;
  name: string;
}

/** A local connection that wants the board's member list whenever it changes. */
export interface PresenceSink {
  presence(board: BoardId, frame: string): void;
}

export const PRESENCE_CHANNEL = "swagboard.presence";
/** A replica silent for this many heartbeats is considered dead and its users go offline. */
export const MISSED_HEARTBEATS = 3;

type PresenceMessage =
  | { v: 1; kind: "heartbeat"; replica: string; boards: Record<BoardId, Member[]> }
  | { v: 1; kind: "board"; replica: string; board: BoardId; members: Member[] }
  | { v: 1; kind: "bye"; replica: string };

interface RemoteReplica {
  seenAt: number;
  boards: Map<BoardId, Member[]>;
}

export interface PresenceTrackerDeps {
  bus: Bus;
  replica: string;
  metrics: Metrics;
  log: Logger;
  clock: () => number;
  heartbeatMs: number;
}

/**
 * Who is online on each board across replicas. Each replica owns its local members, publishes them at once
 * when they change and in full every heartbeat, and forgets a replica that missed MISSED_HEARTBEATS of them,
 * so a killed replica leaves no ghosts for longer than about three heartbeats. Nothing is stored.
 */
export class PresenceTracker {
  private readonly local = new Map<BoardId, Map<PresenceSink, Member>>();
  private readonly remote = new Map<string, RemoteReplica>();
  /** Last member list sent per board, as its frame, to send only changes. */
  private readonly views = new Map<BoardId, { frame: string; size: number }>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly deps: PresenceTrackerDeps) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(PRESENCE_CHANNEL, (payload) => this.receive(payload));
    this.timer = setInterval(() => this.tick(), this.deps.heartbeatMs);
    this.timer.unref();
  }

  /** Adds a connection's user to the board and sends it the current list (everyone else only if it changed). */
  join(board: BoardId, sink: PresenceSink, member: Member): void {
    let sinks = this.local.get(board);
    if (!sinks) this.local.set(board, (sinks = new Map()));
    sinks.set(sink, member);
    this.publishBoard(board);
    this.refresh(board, sink);
  }

  leave(board: BoardId, sink: PresenceSink): void {
    const sinks = this.local.get(board);
    if (!sinks?.delete(sink)) return;
    if (sinks.size === 0) this.local.delete(board);
    this.publishBoard(board);
    this.refresh(board);
  }

  members(board: BoardId): Member[] {
    const byId = new Map<string, Member>();
    for (const member of this.local.get(board)?.values() ?? []) byId.set(member.userId, member);
    for (const replica of this.remote.values()) for (const member of replica.boards.get(board) ?? []) byId.set(member.userId, member);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }

  /** Tells the other replicas this one's users are gone, then stops. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.publish({ v: 1, kind: "bye", replica: this.deps.replica });
    await this.unsubscribe?.().catch(() => undefined);
  }

  private tick(): void {
    const boards: Record<BoardId, Member[]> = {};
    for (const board of this.local.keys()) boards[board] = this.localMembers(board);
    void this.publish({ v: 1, kind: "heartbeat", replica: this.deps.replica, boards });
    const deadline = this.deps.clock() - MISSED_HEARTBEATS * this.deps.heartbeatMs;
    for (const [replica, state] of this.remote) {
      if (state.seenAt >= deadline) continue;
      this.deps.log.info({ replica }, "replica missed its presence heartbeats; dropping its users");
      this.remote.delete(replica);
      for (const board of state.boards.keys()) this.refresh(board);
    }
  }

  private receive(payload: string): void {
    let message: PresenceMessage;
    try {
      message = JSON.parse(payload) as PresenceMessage;
    } catch {
      return;
    }
    if (message?.v !== 1 || typeof message.replica !== "string" || message.replica === this.deps.replica) return;
    const previous = this.remote.get(message.replica);
    const state: RemoteReplica = previous ?? { seenAt: 0, boards: new Map() };
    state.seenAt = this.deps.clock();
    const touched = new Set<BoardId>();
    if (message.kind === "bye") {
      this.remote.delete(message.replica);
      for (const board of state.boards.keys()) this.refresh(board);
      return;
    }
    if (message.kind === "heartbeat") {
      for (const board of state.boards.keys()) touched.add(board);
      state.boards = new Map(Object.entries(message.boards ?? {}).filter(([, members]) => Array.isArray(members) && members.length > 0));
      for (const board of state.boards.keys()) touched.add(board);
    } else if (message.kind === "board" && typeof message.board === "string") {
      if (Array.isArray(message.members) && message.members.length > 0) state.boards.set(message.board, message.members);
      else state.boards.delete(message.board);
      touched.add(message.board);
    }
    this.remote.set(message.replica, state);
    for (const board of touched) this.refresh(board);
  }

  /** Sends the board's list to local sinks if it changed; `newcomer` gets it regardless. */
  private refresh(board: BoardId, newcomer?: PresenceSink): void {
    const members = this.members(board);
    const frame = JSON.stringify({ type: "presence", board, members });
    const changed = this.views.get(board)?.frame !== frame;
    if (members.length === 0 && !this.local.has(board)) this.views.delete(board);
    else this.views.set(board, { frame, size: members.length });
    this.deps.metrics.presenceMembers.set([...this.views.values()].reduce((sum, view) => sum + view.size, 0));
    for (const sink of this.local.get(board)?.keys() ?? []) if (changed || sink === newcomer) sink.presence(board, frame);
  }

  private localMembers(board: BoardId): Member[] {
    const byId = new Map<string, Member>();
    for (const member of this.local.get(board)?.values() ?? []) byId.set(member.userId, member);
    return [...byId.values()];
  }

  private publishBoard(board: BoardId): void {
    void this.publish({ v: 1, kind: "board", replica: this.deps.replica, board, members: this.localMembers(board) });
  }

  private async publish(message: PresenceMessage): Promise<void> {
    try {
      await this.deps.bus.publish(PRESENCE_CHANNEL, JSON.stringify(message));
    } catch (error) {
      this.deps.log.debug({ err: error }, "presence publish failed; the next heartbeat repeats it");
    }
  }
}
