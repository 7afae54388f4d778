// The history checker's input and verdict. A history is what each client of
// the `history` scenario sent, what was answered and which events it applied,
// next to the server's event log and final snapshot of the same board. The
// scenario writes the client side (scenarios/lib/history-log.ts, whose types
// these are), the harness reads the server side (harness/run/collect-history.ts).

// The client-side records are defined once, beside the scenario that writes them (k6 scripts may import only
// k6 and scenarios/lib); the checker reads the same types.
import type { ChangeRecord, OpKind } from '../../scenarios/lib/history-log.ts';
export type {
  ChangeName,
  ChangeRecord,
  ClientHistory,
  OpKind,
  OpOutcome,
  OpRecord,
} from '../../scenarios/lib/history-log.ts';

export interface SnapshotTask {
  id: string;
  column: string;
  position: number;
  title: string;
}

export interface ServerHistory {
  board: string;
  /** The board's whole event log, ascending, as read after the run. */
  events: ChangeRecord[];
  snapshot: { seq: number; tasks: SnapshotTask[] };
}

export type ViolationKind =
  | 'log-gap' // the log skips a seq
  | 'log-duplicate' // the log repeats a seq
  | 'snapshot-seq' // the snapshot is not at the log's last seq
  | 'ack-not-in-log' // acked, but no such change in the log
  | 'ack-wrong-seq' // acked with one seq, in the log at another
  | 'ack-mismatch' // the log's change is not what was sent
  | 'applied-twice' // one command appears more than once in the log
  | 'refused-but-applied' // answered with an error that promises nothing was applied, yet in the log
  | 'unsent-change' // a change in a client's name that it never sent
  | 'replay-anomaly' // the log cannot be replayed: unknown task, position out of range
  | 'snapshot-mismatch' // the log replayed does not give the snapshot
  | 'snapshot-positions' // a column of the snapshot is not numbered 0..n-1
  | 'client-gap' // a client skipped a seq
  | 'client-duplicate' // a client got a seq again
  | 'client-diverged' // a client's event differs from the log's at that seq
  | 'client-behind' // a client ended before the log's last seq
  | 'client-state' // a client's state rebuilt from its events differs from the snapshot
  | 'client-reset' // a client was reset and cannot be checked from its events
  | 'client-missing'; // fewer histories came back than clients started

export interface Violation {
  kind: ViolationKind;
  message: string;
  seq?: number;
  client?: string;
  /** What the server holds there (its log's change, or its snapshot's task), or null when it has none. */
  server?: unknown;
  /** What the client sent or received there, or null when it has none. */
  clientSide?: unknown;
}

export interface HistoryVerdict {
  passed: boolean;
  board: string;
  clients: number;
  /** Replicas some client was connected to. */
  replicas: string[];
  ops: {
    sent: number;
    acked: number;
    refused: number;
    unanswered: number;
    byKind: Record<OpKind, number>;
    /** Refusals by error code. */ errors: Record<string, number>;
  };
  logEvents: number;
  finalSeq: number;
  tasksAtEnd: number;
  reconnects: number;
  violationCount: number;
  /** The first violations found (at most MAX_VIOLATIONS), in the order the checks ran. */
  violations: Violation[];
  /** The violation at the smallest seq (the first point where the sides diverge), or the first one found. */
  counterexample?: Violation;
  /** Why the history could not be checked at all (no client histories, the server's log unreadable): a failed verdict. */
  error?: string;
}
