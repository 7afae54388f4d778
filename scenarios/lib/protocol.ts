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

export type ServerMessage = Welcome | BoardEvent | Ack | ServerError | { type: string; [key: string]: unknown };

/** ws:// URL of the gateway behind an http:// base URL. */
export function gatewayUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '') + '/ws';
}
