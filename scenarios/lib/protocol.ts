// The SwagBoard wire messages this client library uses (see server/PROTOCOL.md).
// Kept free of k6 imports so it type-checks anywhere.

export interface Welcome {
  type: 'welcome';
  v: number;
  replica: string;
  connectionId: string;
  boards: Array<{ board: string; seq: number }>;
}

export interface BoardEvent {
  type: 'event';
  board: string;
  seq: number;
  name: string;
  data: Record<string, unknown>;
  origin: string;
  at: number;
  clientTs?: number;
}

/**
 * Batched delivery (asked for with `"batch": true` in hello): several events of one board in one frame,
 * ascending consecutive seqs. Each element has the fields of an `event` frame except `type`.
 */
export interface EventsFrame {
  type: 'events';
  board: string;
  events: Array<Omit<BoardEvent, 'type' | 'board'> & { board?: string }>;
}

/** The events of a batched frame as the single `event` frames they stand for, in order. */
export function unbatch(frame: EventsFrame): BoardEvent[] {
  return frame.events.map((event) => ({ ...event, type: 'event', board: event.board ?? frame.board }));
}

export interface Ack {
  type: 'ack';
  ref: string;
  seq: number;
}

export interface ServerError {
  type: 'error';
  ref?: string;
  code: string;
  message: string;
}

/** A write refused at once because the board's queue is full: back off and maybe retry; nothing was lost. */
export const BOARD_BUSY = 'E_BOARD_BUSY';

export interface Member {
  userId: string;
  name: string;
}

/** Who is on a board, across replicas: the full list (first, and after backpressure). */
export interface Presence {
  type: 'presence';
  board: string;
  members: Member[];
}

/** What changed since the previous presence message of a board. */
export interface PresenceDelta {
  type: 'presence.delta';
  board: string;
  joined: Member[];
  left: Member[];
}

/** Applies a presence message to a board's member list (by userId), returning the new sorted list. */
export function applyPresence(current: Member[], message: Presence | PresenceDelta): Member[] {
  if (message.type === 'presence') return [...message.members];
  const byId = new Map(current.map((m) => [m.userId, m]));
  for (const m of message.left) byId.delete(m.userId);
  for (const m of message.joined) byId.set(m.userId, m);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Someone else is typing on a board (optionally on a task); lasts until `expiresAt`. */
export interface Typing {
  type: 'typing';
  board: string;
  taskId: string | null;
  userId: string;
  name: string;
  expiresAt: number;
}

export type ServerMessage =
  Welcome | BoardEvent | EventsFrame | Ack | ServerError | Presence | Typing | { type: string; [key: string]: unknown };

/** Close codes a client reacts to (server/errors.ts is the source of truth). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  unauthenticated: 4001,
  unsupportedVersion: 4002,
  slowConsumer: 4008,
  flooding: 4029,
} as const;

/** Closes after which reconnecting cannot help. */
export const FINAL_CLOSE_CODES: readonly number[] = [CLOSE.normal, CLOSE.unauthenticated, CLOSE.unsupportedVersion];

/** ws:// URL of the gateway behind an http:// base URL. */
export function gatewayUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '') + '/ws';
}
