// Each client against the log: it applied seqs 1, 2, 3, … each once, each the
// log's change at that seq, up to the log's last seq; and its board rebuilt
// from those events is the server's snapshot.
import { compareWithSnapshot } from './check-log.ts';
import type { ChangeRecord, ClientHistory, ServerHistory, Violation } from './history.ts';
import { replayBoard } from './replay-board.ts';

/** Fields of a change both sides must agree on (its origin is there for diagnosis only). */
function sameChange(a: ChangeRecord, b: ChangeRecord): boolean {
  return (
    a.seq === b.seq &&
    a.name === b.name &&
    a.taskId === b.taskId &&
    a.column === b.column &&
    a.position === b.position &&
    a.title === b.title &&
    a.actor === b.actor &&
    a.clientTs === b.clientTs
  );
}

export function checkClient(history: ClientHistory, server: ServerHistory): Violation[] {
  const client = history.client;
  const violations: Violation[] = [];
  if (history.resets > 0) {
    violations.push({
      kind: 'client-reset',
      client,
      message: `${client} was sent ${history.resets} reset(s), so its state cannot be rebuilt from its events (raise SWAGBOARD_RESUME_WINDOW)`,
    });
  }
  const logAt = new Map(server.events.map((e) => [e.seq, e]));
  const lastSeq = server.events.at(-1)?.seq ?? 0;
  let last = 0;
  let diverged = false;
  for (const event of history.events) {
    if (event.seq <= last) {
      violations.push({
        kind: 'client-duplicate',
        seq: event.seq,
        client,
        message: `${client} got seq ${event.seq} again after ${last}`,
        server: logAt.get(event.seq) ?? null,
        clientSide: event,
      });
      continue;
    }
    if (event.seq > last + 1) {
      violations.push({
        kind: 'client-gap',
        seq: last + 1,
        client,
        message: `${client} skipped from seq ${last} to ${event.seq}`,
        server: logAt.get(last + 1) ?? null,
        clientSide: null,
      });
    }
    last = event.seq;
    const logged = logAt.get(event.seq);
    if (!diverged && (!logged || !sameChange(logged, event))) {
      // The first divergence says it all; the later ones follow from it.
      diverged = true;
      violations.push({
        kind: 'client-diverged',
        seq: event.seq,
        client,
        message: `${client}'s event at seq ${event.seq} differs from the log's`,
        server: logged ?? null,
        clientSide: event,
      });
    }
  }
  if (last < lastSeq) {
    // Where it was and whether that replica still answered its commands says which side stalled.
    const replica = history.replicas.at(-1) ?? 'no replica';
    const lastAck = Math.max(
      0,
      ...history.ops.map((op) => (typeof op.outcome === 'object' && 'ack' in op.outcome ? op.outcome.ack : 0)),
    );
    violations.push({
      kind: 'client-behind',
      seq: last + 1,
      client,
      message: `${client} ended at seq ${last}; the log goes on to ${lastSeq}. It was last on ${replica}, which acked its commands up to seq ${lastAck}`,
      server: logAt.get(last + 1) ?? null,
      clientSide: { lastSeq: last, replica, lastAck },
    });
  } else if (history.resets === 0) {
    const replayed = replayBoard(history.events);
    violations.push(
      ...compareWithSnapshot(
        replayed.tasks,
        server,
        (m) => `${client}'s board rebuilt from its events ${m}`,
        'client-state',
        client,
      ),
    );
  }
  return violations;
}
