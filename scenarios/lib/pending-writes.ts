// Writes sent over the WebSocket and not yet answered, by ref: the send time
// for send → ack latency, the tags the write's samples carry, and the frame
// itself so a refused write can be sent again. Pure, no k6 imports.

export interface PendingWrite {
  ref: string;
  /** Time of the first send (a retry keeps it: latency is what the user waited). */
  sentAt: number;
  tags: Record<string, string>;
  message: Record<string, unknown>;
  /** Sends so far (1 = never retried). */
  attempts: number;
}

export class PendingWrites {
  private readonly byRef = new Map<string, PendingWrite>();

  get size(): number {
    return this.byRef.size;
  }

  add(write: PendingWrite): void {
    this.byRef.set(write.ref, write);
  }

  get(ref: string | undefined): PendingWrite | undefined {
    return ref === undefined ? undefined : this.byRef.get(ref);
  }

  /** The write is answered (ack or final error): forget it and return it. */
  settle(ref: string | undefined): PendingWrite | undefined {
    const write = this.get(ref);
    if (write) this.byRef.delete(write.ref);
    return write;
  }

  /** Removes and returns every waiting write the predicate picks (e.g. one step's, at its deadline). */
  takeWhere(pick: (write: PendingWrite) => boolean): PendingWrite[] {
    const taken = [...this.byRef.values()].filter(pick);
    for (const write of taken) this.byRef.delete(write.ref);
    return taken;
  }
}
