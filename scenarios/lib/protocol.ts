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

/** Who is on a board, across replicas: a full snapshot on every change. */
export interface Presence {
  type: 'presence';
  board: string;
  members: Array<{ userId: string; name: string }>;
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

export type ServerMessage = Welcome | BoardEvent | Ack | ServerError | Presence | Typing | { type: string; [key: string]: unknown };

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
