// The history checker (Jepsen-style, for one board): from what the clients
// sent, were answered and applied, and the server's event log and snapshot, it
// proves — or finds a counterexample to — that every acked change is in the
// log exactly once and nothing unacked-yet-refused is; that the log's seqs have
// no gaps; and that every client's board, rebuilt from its events, equals the
// snapshot, whose columns are numbered 0..n-1. Pure: histories in, verdict out.
import { checkClient } from './check-clients.ts';
import { checkLog } from './check-log.ts';
import { checkOps } from './check-ops.ts';
import type { ClientHistory, HistoryVerdict, OpKind, ServerHistory, Violation } from './history.ts';

/** Violations kept in the verdict (all are counted). */
export const MAX_VIOLATIONS = 50;

export interface CheckOptions {
  /** Clients that started (a client that never reported may have made changes nobody checks). */
  expectedClients?: number;
  /** Why they may be missing (the runner's errors), for the message. */
  missingBecause?: string[];
}

export function checkHistory(
  clients: readonly ClientHistory[],
  server: ServerHistory,
  options: CheckOptions = {},
): HistoryVerdict {
  const violations: Violation[] = [
    ...checkLog(server),
    ...checkOps(clients, server.events),
    ...clients.flatMap((c) => checkClient(c, server)),
  ];
  const missing = (options.expectedClients ?? clients.length) - clients.length;
  if (missing > 0) {
    const because = options.missingBecause?.length ? `; the runner logged: ${options.missingBecause.join(' | ')}` : '';
    violations.push({
      kind: 'client-missing',
      message: `${missing} of ${options.expectedClients} clients reported no history${because}`,
    });
  }
  const ops = clients.flatMap((c) => c.ops);
  const byKind: Record<OpKind, number> = { create: 0, update: 0, move: 0, delete: 0 };
  const errors: Record<string, number> = {};
  for (const op of ops) {
    byKind[op.kind] += 1;
    if (typeof op.outcome === 'object' && 'error' in op.outcome)
      errors[op.outcome.error] = (errors[op.outcome.error] ?? 0) + 1;
  }
  const acked = ops.filter((op) => typeof op.outcome === 'object' && 'ack' in op.outcome).length;
  const unanswered = ops.filter((op) => op.outcome === 'unanswered').length;
  const counterexample = violations.reduce<Violation | undefined>(
    (first, v) =>
      first === undefined || (v.seq !== undefined && (first.seq === undefined || v.seq < first.seq)) ? v : first,
    undefined,
  );
  return {
    passed: violations.length === 0,
    board: server.board,
    clients: clients.length,
    replicas: [...new Set(clients.flatMap((c) => c.replicas))].sort(),
    ops: { sent: ops.length, acked, refused: ops.length - acked - unanswered, unanswered, byKind, errors },
    logEvents: server.events.length,
    finalSeq: server.snapshot.seq,
    tasksAtEnd: server.snapshot.tasks.length,
    reconnects: clients.reduce((n, c) => n + Math.max(0, c.replicas.length - 1), 0),
    violationCount: violations.length,
    violations: violations.slice(0, MAX_VIOLATIONS),
    ...(counterexample ? { counterexample } : {}),
  };
}
