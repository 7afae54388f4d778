/** How many signed-out sessions a replica remembers; a sign-out is remembered only for the moments a stream takes to open. */
export const RECENTLY_REVOKED_LIMIT = 1024;

/**
 * The last sessions signed out, oldest forgotten first. A stream whose request was checked just before its
 * session's revocation arrived is listed only after it; this catches that stream as it opens.
 */
export class RecentlyRevoked {
  private readonly sessions = new Set<string>();

  constructor(private readonly limit: number = RECENTLY_REVOKED_LIMIT) {}

  add(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.sessions.add(sessionId);
    if (this.sessions.size > this.limit) this.sessions.delete(this.sessions.values().next().value!);
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }
}
