// Commands against the log: every acked command is in the log exactly once, at
// its acked seq, as sent; no command is in it twice; one refused with an error
// that promises nothing was applied is not in it; and nothing is in it in a
// client's name that the client never sent. A command is named in the log by
// its actor and clientTs (the scenario makes clientTs unique per client).
import type { ChangeName, ChangeRecord, ClientHistory, OpKind, OpRecord, Violation } from './history.ts';

const NAME_OF: Record<OpKind, ChangeName> = {
  create: 'task.created',
  update: 'task.updated',
  move: 'task.moved',
  delete: 'task.deleted',
};

/** Errors after which the protocol allows a change to have committed anyway (the connection broke after the commit). */
const MAY_HAVE_COMMITTED = new Set(['E_UNAVAILABLE', 'E_INTERNAL', 'E_SHUTTING_DOWN']);

const key = (actor: string | undefined, clientTs: number | undefined) => `${actor ?? ''}\u0000${clientTs ?? ''}`;

export function checkOps(clients: readonly ClientHistory[], log: readonly ChangeRecord[]): Violation[] {
  const violations: Violation[] = [];
  const inLog = new Map<string, ChangeRecord[]>();
  for (const change of log) {
    if (change.actor === undefined || change.clientTs === undefined) continue;
    const k = key(change.actor, change.clientTs);
    inLog.set(k, [...(inLog.get(k) ?? []), change]);
  }
  const sent = new Set<string>();
  for (const history of clients) {
    for (const op of history.ops) {
      const k = key(history.client, op.clientTs);
      sent.add(k);
      violations.push(...checkOp(history.client, op, inLog.get(k) ?? []));
    }
  }
  const names = new Set(clients.map((c) => c.client));
  for (const change of log) {
    if (change.actor === undefined || !names.has(change.actor) || sent.has(key(change.actor, change.clientTs)))
      continue;
    violations.push({
      kind: 'unsent-change',
      seq: change.seq,
      client: change.actor,
      message: `seq ${change.seq} is a change by ${change.actor} (clientTs ${change.clientTs}) that it never sent`,
      server: change,
      clientSide: null,
    });
  }
  return violations;
}

function checkOp(client: string, op: OpRecord, found: ChangeRecord[]): Violation[] {
  const outcome = op.outcome;
  const ack = typeof outcome === 'object' && 'ack' in outcome ? outcome : undefined;
  const violations: Violation[] = [];
  const at = (seq: number | undefined) => (seq !== undefined ? { seq } : {});
  if (found.length > 1) {
    violations.push({
      kind: 'applied-twice',
      ...at(found[1]?.seq),
      client,
      message: `${client}'s ${op.kind} ${op.ref} is in the log ${found.length} times, at seqs ${found.map((c) => c.seq).join(', ')}`,
      server: found,
      clientSide: op,
    });
  }
  const change = found[0];
  if (!ack) {
    const error = typeof outcome === 'object' && 'error' in outcome ? outcome.error : undefined;
    if (change && error !== undefined && !MAY_HAVE_COMMITTED.has(error)) {
      violations.push({
        kind: 'refused-but-applied',
        seq: change.seq,
        client,
        message: `${client}'s ${op.kind} ${op.ref} was refused with ${error}, yet it is in the log at seq ${change.seq}`,
        server: change,
        clientSide: op,
      });
    }
    return violations;
  }
  if (!change) {
    violations.push({
      kind: 'ack-not-in-log',
      seq: ack.ack,
      client,
      message: `${client}'s ${op.kind} ${op.ref} was acked with seq ${ack.ack}, but the log has no such change`,
      server: null,
      clientSide: op,
    });
    return violations;
  }
  if (change.seq !== ack.ack) {
    violations.push({
      kind: 'ack-wrong-seq',
      seq: Math.min(change.seq, ack.ack),
      client,
      message: `${client}'s ${op.kind} ${op.ref} was acked with seq ${ack.ack}, but is in the log at seq ${change.seq}`,
      server: change,
      clientSide: op,
    });
  }
  const differences = differencesFromSent(op, ack.taskId, change);
  if (differences.length) {
    violations.push({
      kind: 'ack-mismatch',
      seq: change.seq,
      client,
      message: `${client}'s ${op.kind} ${op.ref} is in the log at seq ${change.seq} with ${differences.join(', ')}`,
      server: change,
      clientSide: op,
    });
  }
  return violations;
}

function differencesFromSent(op: OpRecord, ackedTaskId: string, change: ChangeRecord): string[] {
  const out: string[] = [];
  if (change.name !== NAME_OF[op.kind]) out.push(`name ${change.name}, not ${NAME_OF[op.kind]}`);
  if (change.taskId !== ackedTaskId) out.push(`task ${change.taskId}, acked as ${ackedTaskId}`);
  if (op.taskId !== undefined && change.taskId !== op.taskId) out.push(`task ${change.taskId}, sent for ${op.taskId}`);
  if (op.title !== undefined && change.title !== op.title)
    out.push(`title ${JSON.stringify(change.title)}, sent ${JSON.stringify(op.title)}`);
  if ((op.kind === 'create' || op.kind === 'move') && op.column !== undefined && change.column !== op.column)
    out.push(`column "${change.column}", sent "${op.column}"`);
  return out;
}
