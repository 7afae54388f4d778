// Metrics every reconnecting scenario reports the same way, so thresholds,
// reports and comparisons find them under one name.
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Recovery, Resumption, SwagSession } from './swagboard.ts';

export const eventsLost = new Counter('swag_events_lost');
export const eventsDuplicated = new Counter('swag_events_duplicated');
export const eventsRedelivered = new Counter('swag_events_redelivered');
export const eventsReplayed = new Counter('swag_events_replayed');
export const eventsOwed = new Counter('swag_events_owed');
/** One sample per owed event at the end: delivered (true) or never seen (false). Its rate is the share delivered. */
export const eventsDelivered = new Rate('swag_events_delivered');
export const drops = new Counter('swag_connection_drops');
export const reconnects = new Counter('swag_reconnects');
export const unrecovered = new Counter('swag_sessions_unrecovered');
export const unresumed = new Counter('swag_sessions_unresumed');
export const resumes = new Counter('swag_resumes');
export const reconnectTime = new Trend('swag_reconnect_time', true);
export const resumeTime = new Trend('swag_resume_time', true);
export const reconnectAttempts = new Trend('swag_reconnect_attempts');

export function recordDrop(code: number, replica: string): void {
  drops.add(1, { code: String(code), replica });
}

/** `extra` carries scenario tags such as lib/phase.ts's `{ phase }`. */
export function recordReconnect(r: Recovery, extra: Record<string, string> = {}): void {
  const tags = { code: String(r.code), replica: r.from, ...extra };
  reconnects.add(1, tags);
  reconnectTime.add(r.reconnectMs, tags);
  reconnectAttempts.add(r.attempts, tags);
}

export function recordResume(r: Resumption, extra: Record<string, string> = {}): void {
  const tags = { code: String(r.code), replica: r.from, ...extra };
  resumes.add(1, tags);
  resumeTime.add(r.resumedMs, tags);
  eventsReplayed.add(r.replayed, tags);
}

/** Final accounting of one session against the board's final seq (from REST). Always adds, so count==0 thresholds are judged. */
export function recordLedger(session: SwagSession, board: string, finalSeq: number | undefined): void {
  const ledger = session.ledgers[board];
  const tags = { replica: session.replica || 'none' };
  if (!ledger || finalSeq === undefined) {
    unrecovered.add(1, tags);
    return;
  }
  const lost = ledger.lostUpTo(finalSeq);
  const owed = ledger.owedUpTo(finalSeq);
  eventsLost.add(lost, tags);
  eventsOwed.add(owed, tags);
  for (let i = 0; i < owed; i++) eventsDelivered.add(i >= lost, tags);
  eventsDuplicated.add(ledger.duplicates, tags);
  eventsRedelivered.add(ledger.redelivered, tags);
}
