import type { EndedSession } from '../auth/auth-store.ts';
import type { Cancel, Clock } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { RecentlyRevoked } from './recently-revoked.ts';
import { SIGNED_OUT_EVENT } from './signed-out-event.ts';
import type { SseStream } from './sse-stream.ts';

export interface StreamSessionsDeps {
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  /** Of these sessions, those signed out or expired (AuthStore.endedSessions); without it streams are ended only by revocations. */
  endedSessions?: (sessionIds: string[]) => Promise<EndedSession[]>;
  /** How often the open streams' sessions are checked. */
  checkEveryMs?: number;
}

const MESSAGES: Record<EndedSession['reason'], string> = {
  session_revoked: 'session was signed out',
  session_expired: 'session expired; sign in again',
};

/**
 * Which session each open page stream was opened through, so a sign-out (here or from another replica over the
 * bus) ends that session's streams as the gateway closes its sockets. Revocations travel at most once, and a
 * stream, unlike a socket, has no token that runs out: so every `checkEveryMs` the open streams' sessions are also
 * looked up at once, and those found signed out or expired are ended too.
 */
export class StreamSessions {
  private readonly streams = new Map<SseStream, string | undefined>();
  private readonly revoked = new RecentlyRevoked();
  private readonly stopChecks: Cancel | undefined;

  constructor(private readonly deps: StreamSessionsDeps) {
    if (deps.endedSessions && deps.checkEveryMs) {
      this.stopChecks = deps.clock.every(deps.checkEveryMs, () => void this.check());
    }
  }

  /** Lists an open stream. False, with the stream ended, if its session was signed out while its request was being checked. */
  add(stream: SseStream, sessionId: string | undefined): boolean {
    this.streams.set(stream, sessionId);
    if (sessionId === undefined || !this.revoked.has(sessionId)) return true;
    this.endStream(stream, 'session_revoked');
    return false;
  }

  delete(stream: SseStream): void {
    this.streams.delete(stream);
  }

  /** Ends the session's streams on this replica: it signed out here, or another replica said so. */
  revoke(sessionId: string): void {
    this.revoked.add(sessionId);
    this.endSession(sessionId, 'session_revoked');
  }

  /** Looks up the open streams' sessions and ends those of sessions that have ended. */
  async check(): Promise<void> {
    const ids = [...new Set([...this.streams.values()].filter((id) => id !== undefined))];
    if (ids.length === 0 || !this.deps.endedSessions) return;
    try {
      for (const { id, reason } of await this.deps.endedSessions(ids)) this.endSession(id, reason);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'page stream session check failed; trying again at the next one');
    }
  }

  /** Ends every stream (the replica is closing) and stops checking. */
  close(): void {
    this.stopChecks?.();
    for (const stream of this.streams.keys()) stream.end();
    this.streams.clear();
  }

  private endSession(sessionId: string, reason: EndedSession['reason']): void {
    for (const [stream, streamSession] of this.streams)
      if (streamSession === sessionId && stream.isOpen) this.endStream(stream, reason);
  }

  private endStream(stream: SseStream, reason: EndedSession['reason']): void {
    const error = new SwagError('E_AUTH', MESSAGES[reason]);
    this.deps.metrics.authFailures.inc({ reason });
    this.deps.metrics.errors.inc({ code: error.code });
    // An EventSource would reconnect and be refused again and again; on this event page.js closes it and goes to sign-in.
    stream.send(SIGNED_OUT_EVENT, error.message);
    stream.end();
  }
}
