/**
 * What a test client has received and not yet taken. `take` waits for the first item that matches, so a test
 * names what it expects instead of sleeping; shared by the WebSocket and the SSE test clients.
 */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: (() => void)[] = [];

  /** `noun` names an item in the timeout error ("frame", "message"). */
  constructor(private readonly noun: string) {}

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  /** Wakes whoever waits, without an item: what they poll may have changed (a stream ended, presence moved). */
  wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves at the next push or wake, or after `ms`, whichever comes first. */
  changed(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The first item not yet taken that matches; takes it. Fails after `timeoutMs`, or at once when `ended()`. */
  async take(matches: (item: T) => boolean, timeoutMs: number, ended: () => boolean = () => false): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.items.findIndex(matches);
      if (index >= 0) return this.items.splice(index, 1)[0] as T;
      const left = deadline - Date.now();
      if (left <= 0 || ended()) {
        throw new Error(
          `no matching ${this.noun} within ${timeoutMs} ms${ended() ? ' (stream ended)' : ''}; have ${JSON.stringify(this.items).slice(0, 2000)}`,
        );
      }
      await this.changed(left);
    }
  }
}
