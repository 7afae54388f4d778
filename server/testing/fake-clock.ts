import type { Cancel, Clock } from '../clock.ts';

interface Timer {
  at: number;
  fn: () => void;
  /** Set for `every` timers. */
  interval?: number;
  order: number;
}

/**
 * A Clock for tests: time stands still until `advance`, which fires every timer that falls due, in time order
 * (ties in the order they were set), each seeing `now()` at its own due time.
 */
export class FakeClock implements Clock {
  private timers = new Set<Timer>();
  private created = 0;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  after(ms: number, fn: () => void): Cancel {
    return this.add({ at: this.current + Math.max(0, ms), fn, order: this.created++ });
  }

  every(ms: number, fn: () => void): Cancel {
    const interval = Math.max(1, ms);
    return this.add({ at: this.current + interval, fn, interval, order: this.created++ });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  /** Timers not yet fired or cancelled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time on by `ms`, firing what falls due on the way. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.current = next.at;
      if (next.interval === undefined) this.timers.delete(next);
      else next.at += next.interval;
      next.fn();
    }
    this.current = until;
  }

  /** `advance`, then lets the promise callbacks the timers started run (a turn of the event loop). */
  async tick(ms: number): Promise<void> {
    this.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  }

  private add(timer: Timer): Cancel {
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }

  private nextDue(until: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers)
      if (timer.at <= until && (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)))
        next = timer;
    return next;
  }
}
