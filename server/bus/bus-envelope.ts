import type { BoardEvent, ReplicaName } from '../board/board-event.ts';
import type { TraceCarrier } from '../tracing.ts';

export const ENVELOPE_VERSION = 1;

/** What travels on the bus: one board event plus what the receiving replica needs to dedupe, measure and trace it. */
export interface BusEnvelope {
  v: typeof ENVELOPE_VERSION;
  origin: ReplicaName;
  /** Publisher's epoch ms, for swagboard_bus_receive_lag_seconds. */
  sentAt: number;
  /**
   * Publisher's high-resolution wall clock (performance.timeOrigin + performance.now(), ms with fractions) just
   * before the publish, for the bus_transit hop. Optional: envelopes of replicas that predate it lack it.
   */
  publishedAt?: number;
  trace?: TraceCarrier;
  /** Exactly one of event and typing. */
  event?: BoardEvent;
  typing?: TypingSignal;
}

/** A "someone is typing" hint: relayed to the board's other clients, never stored. */
export interface TypingSignal {
  board: string;
  taskId: string | null;
  userId: string;
  name: string;
  expiresAt: number;
  /** The connection that typed, so it does not get its own signal back. */
  connectionId: string;
}

/** "X is typing" lasts this long after the last typing message (WebSocket or page). */
export const TYPING_TTL_MS = 3000;

export const boardChannel = (board: string): string => `board.${board}`;

export function decodeEnvelope(payload: string): BusEnvelope | undefined {
  try {
    const value = JSON.parse(payload) as Partial<BusEnvelope>;
    if (value.v !== ENVELOPE_VERSION || typeof value.origin !== 'string' || typeof value.sentAt !== 'number')
      return undefined;
    const validEvent = typeof value.event?.board === 'string' && typeof value.event.seq === 'number';
    const validTyping = typeof value.typing?.board === 'string' && typeof value.typing.connectionId === 'string';
    if (validEvent === validTyping) return undefined;
    return value as BusEnvelope;
  } catch {
    return undefined;
  }
}
