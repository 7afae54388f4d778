// The faults applied through the console, each with when it started and (once
// undone) ended, so the charts can shade the time each fault was active.
// Keyed by what the fault holds broken, so the action that undoes it (remove
// the toxic, bring the link up, restart the replica) closes the right band.

export interface TimelineEntry {
  key: string;
  label: string;
  /** Epoch milliseconds. */
  start: number;
  end?: number;
}

export class FaultTimeline {
  private readonly entries: TimelineEntry[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keep = 200,
  ) {}

  /** A fault that lasts until `close(key)`; reopening an open key keeps the first start. */
  open(key: string, label: string): void {
    if (this.entries.some((e) => e.key === key && e.end === undefined)) return;
    this.push({ key, label, start: this.now() });
  }

  close(key: string): void {
    for (const entry of this.entries) if (entry.key === key && entry.end === undefined) entry.end = this.now();
  }

  /** Closes every open entry whose key starts with `prefix` (e.g. every toxic of a reset). */
  closeWhere(prefix: string): void {
    for (const entry of this.entries)
      if (entry.key.startsWith(prefix) && entry.end === undefined) entry.end = this.now();
  }

  /** A fault with nothing to undo (a restart): a zero-length mark. */
  instant(key: string, label: string): void {
    const at = this.now();
    this.push({ key, label, start: at, end: at });
  }

  private push(entry: TimelineEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.keep) this.entries.splice(0, this.entries.length - this.keep);
  }

  list(): TimelineEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
