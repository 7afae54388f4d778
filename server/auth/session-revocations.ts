import type { Bus, Unsubscribe } from '../bus/bus.ts';
import type { Logger } from '../log.ts';

export const SESSIONS_CHANNEL = 'swagboard.sessions';

/**
 * Tells every replica that a session was signed out, so each closes that session's sockets at once.
 * At-most-once like the bus: a replica that misses it still closes them when their token expires.
 */
export class SessionRevocations {
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  async listen(onRevoked: (sessionId: string) => void): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(SESSIONS_CHANNEL, (payload) => {
      try {
        const { sessionId } = JSON.parse(payload) as { sessionId?: unknown };
        if (typeof sessionId === 'string') onRevoked(sessionId);
      } catch {
        this.log.warn('dropped an undecodable session revocation');
      }
    });
  }

  publish(sessionId: string): void {
    this.bus
      .publish(SESSIONS_CHANNEL, JSON.stringify({ sessionId }))
      .catch((error: unknown) => this.log.warn({ err: error }, 'session revocation publish failed'));
  }

  async close(): Promise<void> {
    await this.unsubscribe?.().catch(() => undefined);
  }
}
