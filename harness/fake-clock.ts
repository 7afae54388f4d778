// The Clock tests pass: time moves only when the test says so, and every timer and sleep fires at its exact due
// time, in due order, so timing behaviour is asserted exactly and without waiting. Its members are own arrow
// properties: `clock.now` can be handed on alone, and `{ ...clock, sleep }` overrides one of them.
import type { CancelTimer, Clock } from './clock.ts';

interface FakeTimer {
  due: number;
  /** 0 for a one-shot timer. */
  period: number;
  /** Breaks ties between timers due at the same time: first scheduled fires first, as Node's do. */
  order: number;
  fn: () => void;
}

export interface FakeClockOptions {
  /** sleep() moves time forward by itself (firing the timers due on the way) and resolves at once, instead of waiting for advance(). */
  jumpOnSleep?: boolean;
}

export class FakeClock implements Clock {
  private time: number;
  private readonly timers = new Set<FakeTimer>();
  private scheduled = 0;

  constructor(
    start = 0,
    private readonly options: FakeClockOptions = {},
  ) {
    this.time = start;
  }

  /** Timers not yet fired (one-shot) or not cancelled (repeating). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted || ms <= 0) return Promise.resolve();
    if (this.options.jumpOnSleep) {
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        cancel();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const cancel = this.after(ms, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  };

  // Fake timers hold no process open, so the unref option changes nothing here.
  readonly after = (ms: number, fn: () => void): CancelTimer => this.schedule(Math.max(0, ms), 0, fn);

  readonly every = (ms: number, fn: () => void): CancelTimer => this.schedule(Math.max(1, ms), Math.max(1, ms), fn);

  /** Moves time forward by `ms`, firing each timer due on the way at its own due time. */
  readonly advance = (ms: number): void => {
    const end = this.time + ms;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.time = next.due;
      if (next.period > 0) {
        next.due += next.period;
        next.order = this.scheduled++;
      } else {
        this.timers.delete(next);
      }
      next.fn();
    }
    // A callback may itself have advanced the clock (a jumping sleep): time never goes back.
    this.time = Math.max(this.time, end);
  };

  private schedule(delay: number, period: number, fn: () => void): CancelTimer {
    const timer: FakeTimer = { due: this.time + delay, period, order: this.scheduled++, fn };
    this.timers.add(timer);
    return () => void this.timers.delete(timer);
  }

  private nextDue(end: number): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const timer of this.timers) {
      if (timer.due > end) continue;
      if (!first || timer.due < first.due || (timer.due === first.due && timer.order < first.order)) first = timer;
    }
    return first;
  }
}
