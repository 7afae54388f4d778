/**
 * How many long-lived clients this replica holds — WebSocket connections and page event streams alike —
 * against SWAGBOARD_MAX_CONNECTIONS: both cost a socket, buffers and fan-out work.
 */
export class Admission {
  private held = 0;

  constructor(readonly limit: number) {}

  get count(): number {
    return this.held;
  }

  get hasRoom(): boolean {
    return this.held < this.limit;
  }

  /** Counts one more client; callers checked `hasRoom` when they accepted it. */
  admit(): void {
    this.held += 1;
  }

  release(): void {
    this.held = Math.max(0, this.held - 1);
  }
}
