// The history checker's input and verdict. A history is what each client of
// the `history` scenario sent, what was answered and which events it applied,
// next to the server's event log and final snapshot of the same board. The
// scenario writes the client side (scenarios/lib/history-log.ts, the same
// shape), the harness reads the server side (harness/run/collect-history.ts).

export type ChangeName = 'task.created' | 'task.updated' | 'task.moved' | 'task.deleted';

/** One event of a board, reduced to what the checker compares. */
export interface ChangeRecord {
  seq: number;
  name: ChangeName;
  taskId: string;
  /** The task's column and position after the change (absent for deletes). */
  column?: string;
  position?: number;
  title?: string;
  /** Who made it (the hello's user in open mode) and the command's clientTs: together they name the command. */
  actor?: string;
  clientTs?: number;
  /** The replica that accepted it: not compared, there to say where a counterexample came from. */
  origin?: string;
}

export type OpKind = 'create' | 'update' | 'move' | 'delete';

/** What became of a command: acked with a seq, answered with an error code, or never answered (the socket dropped). */
export type OpOutcome = { ack: number; taskId: string } | { error: string } | 'unanswered';

/** One command a client sent. `clientTs` is unique per client, so (client, clientTs) names the command in the log. */
export interface OpRecord {
  ref: string;
  kind: OpKind;
  clientTs: number;
  taskId?: string;
  column?: string;
  position?: number;
  title?: string;
  outcome: OpOutcome;
}

export interface ClientHistory {
  /** The hello's user: the actor of its changes. */
  client: string;
  board: string;
  /** Replicas that welcomed it, in order, one entry per connection. */
  replicas: string[];
  ops: OpRecord[];
  /** Events in the order it applied them. */
  events: ChangeRecord[];
  /** `reset` frames received: the client could not be replayed to and its state is not checkable from events. */
  resets: number;
}

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
  ops: { sent: number; acked: number; refused: number; unanswered: number; byKind: Record<OpKind, number>; /** Refusals by error code. */ errors: Record<string, number> };
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
