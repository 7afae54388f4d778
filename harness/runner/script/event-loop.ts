// A VU's own event loop bookkeeping. k6 ends an iteration only when the
// default function has returned (or its promise settled) AND nothing the VU
// started is still pending: open sockets, timers, sleeps, async requests.
// Node has one shared loop, so each VU counts its own pending work here.

export type Settled = 'done' | 'interrupted';

export interface Handle {
  /** The work finished normally; the loop may now be idle. */
  release(): void;
}

interface Pending {
  cancel: () => void;
}

export class VuLoop {
  private epoch = 0;
  private readonly pending = new Set<Pending>();
  private mainDone = true;
  private waiter: { resolve: (s: Settled) => void; reject: (e: unknown) => void } | undefined;
  private interrupted = false;
  /** A failure raised before settle() was waiting (e.g. during the main function's synchronous part). */
  private earlyFailure: { error: unknown } | undefined;

  /** Number of pending things (sockets, timers, requests). */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Registers pending work; `cancel` must stop it without running script
   * callbacks (it is called when the iteration is interrupted).
   */
  ref(cancel: () => void): Handle {
    const entry: Pending = { cancel };
    this.pending.add(entry);
    return {
      release: () => {
        if (this.pending.delete(entry)) this.checkIdle();
      },
    };
  }

  /**
   * Wraps a script callback so that it only runs in the iteration that created
   * it, and so that an exception in it fails that iteration like an uncaught
   * error in k6's event loop.
   */
  bind<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
    const epoch = this.epoch;
    return (...args: A) => {
      if (epoch !== this.epoch || this.interrupted) return;
      try {
        const r = fn(...args);
        if (isThenable(r)) r.then(undefined, (e: unknown) => this.fail(e, epoch));
      } catch (e) {
        this.fail(e, epoch);
      }
    };
  }

  /** Whether callbacks created now would still be live (false once interrupted). */
  get live(): boolean {
    return !this.interrupted;
  }

  /** Starts a new iteration: stale callbacks of the previous one become no-ops. */
  begin(): void {
    this.epoch++;
    this.interrupted = false;
    this.mainDone = false;
    this.earlyFailure = undefined;
  }

  /** Fails the current iteration now, as an exception in an event handler would. */
  failNow(error: unknown): void {
    this.fail(error, this.epoch);
  }

  /** Waits for the iteration's main result and then for all pending work. */
  settle(result: unknown): Promise<Settled> {
    return new Promise<Settled>((resolve, reject) => {
      if (this.earlyFailure) {
        reject(this.earlyFailure.error);
        return;
      }
      this.waiter = { resolve, reject };
      const epoch = this.epoch;
      const mainFinished = () => {
        if (epoch !== this.epoch) return;
        this.mainDone = true;
        this.checkIdle();
      };
      if (isThenable(result)) result.then(mainFinished, (e: unknown) => this.fail(e, epoch));
      else mainFinished();
    });
  }

  /** Stops everything pending without running callbacks; a waiting settle() resolves 'interrupted'. */
  interrupt(): void {
    this.interrupted = true;
    this.cancelAll();
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve('interrupted');
  }

  private fail(error: unknown, epoch: number): void {
    if (epoch !== this.epoch || this.interrupted) return;
    this.interrupted = true;
    this.cancelAll();
    const w = this.waiter;
    this.waiter = undefined;
    if (w) w.reject(error);
    else this.earlyFailure = { error };
  }

  private cancelAll(): void {
    const all = [...this.pending];
    this.pending.clear();
    for (const p of all) {
      try {
        p.cancel();
      } catch {
        // cancelling is best-effort; the iteration is over either way
      }
    }
  }

  private checkIdle(): void {
    if (this.mainDone && this.pending.size === 0 && this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve('done');
    }
  }
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
