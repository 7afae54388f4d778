// What a `history` client records, in the shape of reports/history/history.ts
// (the harness validates it on the way in): every command with its outcome,
// every event as applied, the replicas that welcomed it. Pure, no k6 imports.
// Histories leave the VUs as one console line each (HISTORY_LINE_PREFIX +
// JSON): k6 VUs share no memory and handleSummary sees only metrics, but
// console output reaches the harness (and k6's --console-output file).
import type { BoardEvent } from './protocol.ts';

export const HISTORY_LINE_PREFIX = 'swag-history ';

export type ChangeName = 'task.created' | 'task.updated' | 'task.moved' | 'task.deleted';

export interface ChangeRecord {
  seq: number;
  name: ChangeName;
  taskId: string;
  column?: string;
  position?: number;
  title?: string;
  actor?: string;
  clientTs?: number;
  origin?: string;
}

export type OpKind = 'create' | 'update' | 'move' | 'delete';
export type OpOutcome = { ack: number; taskId: string } | { error: string } | 'unanswered';

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
  client: string;
  board: string;
  replicas: string[];
  ops: OpRecord[];
  events: ChangeRecord[];
  resets: number;
}

interface WireTask {
  id?: string;
  column?: string;
  position?: number;
  title?: string;
}

/** An event as the checker compares it. */
export function changeRecord(
  event: Pick<BoardEvent, 'seq' | 'name' | 'data' | 'clientTs'> & { actor?: { name?: string }; origin?: string },
): ChangeRecord {
  const task = (event.data.task ?? {}) as WireTask;
  const taskId = event.name === 'task.deleted' ? String(event.data.taskId) : String(task.id);
  const record: ChangeRecord = { seq: event.seq, name: event.name as ChangeName, taskId };
  if (event.name !== 'task.deleted') {
    if (task.column !== undefined) record.column = task.column;
    if (task.position !== undefined) record.position = task.position;
    if (task.title !== undefined) record.title = task.title;
  }
  if (event.actor?.name !== undefined) record.actor = event.actor.name;
  if (event.clientTs !== undefined) record.clientTs = event.clientTs;
  if (event.origin !== undefined) record.origin = event.origin;
  return record;
}

/** One console line carrying a client's whole history. */
export function historyLine(history: ClientHistory): string {
  return `${HISTORY_LINE_PREFIX}${JSON.stringify(history)}`;
}
