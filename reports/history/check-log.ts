// The server side on its own: the log is numbered 1..n without gaps or
// repeats, replays without contradiction, and replayed gives the snapshot,
// whose columns are numbered 0..n-1.
import type { ChangeRecord, ServerHistory, SnapshotTask, Violation } from './history.ts';
import { replayBoard } from './replay-board.ts';

export function checkLog(server: ServerHistory): Violation[] {
  const violations: Violation[] = [];
  let expected = 1;
  for (const change of server.events) {
    if (change.seq < expected) {
      violations.push({
        kind: 'log-duplicate',
        seq: change.seq,
        message: `the log has seq ${change.seq} again after ${expected - 1}`,
        server: change,
      });
      continue;
    }
    if (change.seq > expected) {
      violations.push({
        kind: 'log-gap',
        seq: expected,
        message: `the log skips from seq ${expected - 1} to ${change.seq}`,
        server: change,
      });
    }
    expected = change.seq + 1;
  }
  const lastSeq = expected - 1;
  if (server.snapshot.seq !== lastSeq) {
    violations.push({
      kind: 'snapshot-seq',
      seq: Math.min(server.snapshot.seq, lastSeq) + 1,
      message: `the snapshot is at seq ${server.snapshot.seq}, the log ends at ${lastSeq}`,
    });
  }
  const replayed = replayBoard(server.events);
  for (const anomaly of replayed.anomalies) {
    violations.push({
      kind: 'replay-anomaly',
      seq: anomaly.seq,
      message: `log: ${anomaly.message}`,
      server: server.events.find((e) => e.seq === anomaly.seq),
    });
  }
  violations.push(...compareWithSnapshot(replayed.tasks, server, (m) => `the log replayed ${m}`, 'snapshot-mismatch'));
  violations.push(...checkPositions(server.snapshot.tasks));
  return violations;
}

/** Differences between a replayed board and the snapshot, task by task. */
export function compareWithSnapshot(
  replayed: Map<string, SnapshotTask>,
  server: ServerHistory,
  say: (text: string) => string,
  kind: 'snapshot-mismatch' | 'client-state',
  client?: string,
): Violation[] {
  const violations: Violation[] = [];
  const snapshot = new Map(server.snapshot.tasks.map((t) => [t.id, t]));
  const lastChange = new Map<string, ChangeRecord>();
  for (const change of server.events) lastChange.set(change.taskId, change);
  const ids = [...new Set([...snapshot.keys(), ...replayed.keys()])];
  for (const id of ids) {
    const want = snapshot.get(id) ?? null;
    const got = replayed.get(id) ?? null;
    if (want && got && want.column === got.column && want.position === got.position && want.title === got.title)
      continue;
    const what = !want
      ? `has ${id}, which the snapshot does not`
      : !got
        ? `lacks ${id}, which the snapshot has`
        : `has ${id} at "${got.column}" ${got.position} titled ${JSON.stringify(got.title)}; the snapshot at "${want.column}" ${want.position} titled ${JSON.stringify(want.title)}`;
    // No seq of its own: a state difference shows at the end, not at a seq (the log's last change of the task is a hint).
    const seq = lastChange.get(id)?.seq;
    violations.push({
      kind,
      ...(client ? { client } : {}),
      message: `${say(what)}${seq !== undefined ? ` (last changed in the log at seq ${seq})` : ''}`,
      server: want,
      clientSide: got,
    });
  }
  return violations;
}

/** Each column of the snapshot holds positions 0..n-1, each once. */
export function checkPositions(tasks: readonly SnapshotTask[]): Violation[] {
  const byColumn = new Map<string, number[]>();
  for (const task of tasks) byColumn.set(task.column, [...(byColumn.get(task.column) ?? []), task.position]);
  const violations: Violation[] = [];
  for (const [column, positions] of byColumn) {
    const sorted = [...positions].sort((a, b) => a - b);
    if (sorted.every((p, i) => p === i)) continue;
    violations.push({
      kind: 'snapshot-positions',
      message: `column "${column}" of the snapshot has positions ${sorted.join(', ')}; expected 0..${sorted.length - 1}`,
      server: sorted,
    });
  }
  return violations;
}
