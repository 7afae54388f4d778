// The end of an accounted session: stop, learn the board's final seq, give the
// last events in flight a moment to arrive, then settle the ledger.
import { setInterval, clearInterval } from 'k6/timers';
import { latestSeq } from './board-api.ts';
import { recordLedger, unrecovered, unresumed } from './recovery-metrics.ts';
import type { SwagSession } from './swagboard.ts';

/** Resolves true when the session ended connected and caught up (it "came back"). */
export async function drainAndAccount(
  session: SwagSession,
  baseUrl: string,
  board: string,
  waitMs: number,
): Promise<boolean> {
  const finalSeq = await latestSeq(baseUrl, board);
  const deadline = Date.now() + waitMs;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const caughtUp = finalSeq === undefined || (session.ledgers[board]?.resumePoint() ?? 0) >= finalSeq;
      if (caughtUp || Date.now() >= deadline) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
  const tags = { replica: session.replica || 'none' };
  const back =
    session.open &&
    !session.recovering &&
    (finalSeq === undefined || (session.ledgers[board]?.resumePoint() ?? 0) >= finalSeq);
  // Always add, so count==0 thresholds are judged even in a quiet run.
  unrecovered.add(session.open ? 0 : 1, tags);
  unresumed.add(session.recovering ? 1 : 0, tags);
  recordLedger(session, board, finalSeq);
  session.close();
  return back;
}
