// A server event (REST /events or a WebSocket frame) as the checker compares it: the scenario's own conversion
// (scenarios/lib/history-log.ts), so client and server records cannot drift apart.
import { changeRecord } from '../../scenarios/lib/history-log.ts';

export { changeRecord };
export type WireEvent = Parameters<typeof changeRecord>[0];
