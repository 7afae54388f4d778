// A server event (REST /events or a WebSocket frame) as the checker compares
// it. scenarios/lib/history-log.ts does the same on the client side (k6
// scripts import nothing from here); harness/run/scenario-lib-history.test.ts
// holds the two to one result.
import type { ChangeName, ChangeRecord } from './history.ts';

export interface WireEvent {
  seq: number;
  name: string;
  data: { task?: { id?: string; column?: string; position?: number; title?: string }; taskId?: string };
  clientTs?: number;
  actor?: { name?: string };
  origin?: string;
}

export function changeRecord(event: WireEvent): ChangeRecord {
  const task = event.data.task ?? {};
  const record: ChangeRecord = { seq: event.seq, name: event.name as ChangeName, taskId: String(event.name === 'task.deleted' ? event.data.taskId : task.id) };
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
