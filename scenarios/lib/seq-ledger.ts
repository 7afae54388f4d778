// Per-board sequence accounting for one client across reconnects: which
// events it should have seen, which it saw, which twice. Pure, no k6 imports.
//
// - The first welcome fixes the baseline: events with seq > baseline are owed.
// - resumePoint() is the highest seq up to which nothing is missing: what the
//   client asks to resume from (`since`), so gaps are replayed.
// - A seq seen again counts as a duplicate when the server had no reason to
//   send it: twice on one connection, or at/below the `since` the connection
//   resumed from. Seqs above `since` that the client already had are
//   "redelivered": the client asked for them by resuming from below them.
// - lostUpTo(final) counts owed seqs in (baseline, final] never seen.

export class SeqLedger {
  private baseline: number | undefined;
  private contiguous = 0;
  private readonly seen = new Set<number>();
  private connectionSeen = new Set<number>();
  private connectionSince = 0;
  duplicates = 0;
  redelivered = 0;
  received = 0;

  get started(): boolean {
    return this.baseline !== undefined;
  }

  get highest(): number {
    let max = this.contiguous;
    for (const seq of this.seen) if (seq > max) max = seq;
    return max;
  }

  /** A new connection was welcomed; `since` is what its hello asked for (undefined on the first). */
  connected(welcomeSeq: number, since?: number): void {
    if (this.baseline === undefined) {
      this.baseline = welcomeSeq;
      this.contiguous = welcomeSeq;
    }
    this.connectionSince = since ?? welcomeSeq;
    this.connectionSeen = new Set();
  }

  /** Records an event; returns how it was classified. */
  receive(seq: number): 'new' | 'duplicate' | 'redelivered' | 'before-baseline' {
    this.received += 1;
    const onThisConnection = this.connectionSeen.has(seq);
    this.connectionSeen.add(seq);
    if (this.baseline === undefined || seq <= this.baseline) return 'before-baseline';
    if (this.seen.has(seq) || seq <= this.contiguous) {
      if (onThisConnection || seq <= this.connectionSince) {
        this.duplicates += 1;
        return 'duplicate';
      }
      this.redelivered += 1;
      return 'redelivered';
    }
    this.seen.add(seq);
    while (this.seen.has(this.contiguous + 1)) {
      this.seen.delete(this.contiguous + 1);
      this.contiguous += 1;
    }
    return 'new';
  }

  /** Highest seq with nothing missing below it. */
  resumePoint(): number {
    return this.contiguous;
  }

  /** Owed seqs in (baseline, finalSeq] that never arrived. */
  lostUpTo(finalSeq: number): number {
    if (this.baseline === undefined) return 0;
    let lost = 0;
    for (let seq = this.contiguous + 1; seq <= finalSeq; seq++) if (!this.seen.has(seq)) lost += 1;
    return lost;
  }

  /** Owed seqs in (baseline, finalSeq]. */
  owedUpTo(finalSeq: number): number {
    return this.baseline === undefined ? 0 : Math.max(0, finalSeq - this.baseline);
  }
}
