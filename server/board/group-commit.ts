/** What one change of a batch came to: its result, or its own error. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<C, R> {
  /** Commits a batch of one key's changes in one transaction; resolves with one outcome per change, in order. */
  commit(key: string, batch: C[]): Promise<Outcome<R>[]>;
  /** Changes accepted but not yet answered (queued or in flight) per key; past it `submit` refuses at once. */
  maxPending: number;
  /** Changes per batch at most, to bound one statement's size and lock time. */
  maxBatch: number;
  /**
   * True when a batch that failed as a whole is known to have committed nothing and may be tried again change by
   * change, so that the change at fault fails alone (e.g. a constraint error). False when the outcome is unknown
   * (connection lost mid-commit): then every change of the batch gets the error, never a retry that could apply it twice.
   */
  isolatable(error: unknown): boolean;
  /**
   * True when a batch's failure means the changes queued behind it would fail the same way (the database is
   * unreachable): they get the error at once instead of each waiting out its own attempt, unseen.
   */
  failsQueued?(error: unknown): boolean;
  /** The error a refused change is rejected with. */
  refusal(key: string, pending: number): Error;
  /** Observes each batch sent and how many of its changes committed. */
  onBatch?(size: number, committed: number): void;
}

interface Entry<C, R> {
  change: C;
  resolve(value: R): void;
  reject(error: unknown): void;
}

interface KeyState<C, R> {
  queue: Entry<C, R>[];
  inFlight: number;
}

/**
 * Group commit per key (a board): while one key's batch is in flight, later changes of that key queue, and the
 * next batch takes them all (up to maxBatch). One batch per key at a time, so batches of a key commit in order
 * and their results are settled in order. Each change keeps its own result or error.
 */
export class GroupCommit<C, R> {
  private readonly keys = new Map<string, KeyState<C, R>>();

  constructor(private readonly options: GroupCommitOptions<C, R>) {}

  /** Changes of `key` accepted and not yet answered. */
  pending(key: string): number {
    const state = this.keys.get(key);
    return state ? state.queue.length + state.inFlight : 0;
  }

  submit(key: string, change: C): Promise<R> {
    const pending = this.pending(key);
    if (pending >= this.options.maxPending) return Promise.reject(this.options.refusal(key, pending));
    return new Promise<R>((resolve, reject) => {
      let state = this.keys.get(key);
      if (!state) {
        state = { queue: [], inFlight: 0 };
        this.keys.set(key, state);
        // A microtask, not at once: changes submitted in the same turn of the event loop share the first batch.
        const started = state;
        queueMicrotask(() => void this.drain(key, started));
      }
      state.queue.push({ change, resolve, reject });
    });
  }

  private async drain(key: string, state: KeyState<C, R>): Promise<void> {
    while (state.queue.length > 0) {
      const batch = state.queue.splice(0, this.options.maxBatch);
      state.inFlight = batch.length;
      const { outcomes, failure } = await this.commitBatch(key, batch);
      state.inFlight = 0;
      let committed = 0;
      batch.forEach((entry, index) => {
        const outcome = outcomes[index] as Outcome<R>;
        if (outcome.ok) {
          committed++;
          entry.resolve(outcome.value);
        } else {
          entry.reject(outcome.error);
        }
      });
      this.options.onBatch?.(batch.length, committed);
      if (failure !== undefined && this.options.failsQueued?.(failure.error)) {
        for (const entry of state.queue.splice(0)) entry.reject(failure.error);
      }
    }
    this.keys.delete(key);
  }

  /**
   * Never rejects: a failure of the whole batch becomes each change's outcome (and is returned as `failure`), or is
   * narrowed down change by change.
   */
  private async commitBatch(
    key: string,
    batch: Entry<C, R>[],
  ): Promise<{ outcomes: Outcome<R>[]; failure?: { error: unknown } }> {
    try {
      const outcomes = await this.options.commit(
        key,
        batch.map((entry) => entry.change),
      );
      if (outcomes.length !== batch.length)
        throw new Error(`commit returned ${outcomes.length} outcomes for ${batch.length} changes`);
      return { outcomes };
    } catch (error) {
      if (batch.length > 1 && this.options.isolatable(error)) {
        const outcomes: Outcome<R>[] = [];
        for (const entry of batch) outcomes.push(...(await this.commitBatch(key, [entry])).outcomes);
        return { outcomes };
      }
      return { outcomes: batch.map(() => ({ ok: false, error })), failure: { error } };
    }
  }
}
