// Replays a board's changes with the protocol's position rule: an ordered list
// per column; a create appends, a move takes the task out of its column and
// inserts it at its new position, a delete closes the gap. Anything a change
// says that the replay contradicts (an unknown task, a position past the end,
// a create not at the end) is an anomaly, named by its seq.
import type { ChangeRecord, SnapshotTask } from './history.ts';

export interface ReplayAnomaly {
  seq: number;
  message: string;
}

export interface ReplayedBoard {
  tasks: Map<string, SnapshotTask>;
  anomalies: ReplayAnomaly[];
}

export function replayBoard(changes: readonly ChangeRecord[]): ReplayedBoard {
  const columns = new Map<string, string[]>();
  const titles = new Map<string, string>();
  const columnOf = new Map<string, string>();
  const anomalies: ReplayAnomaly[] = [];
  const list = (column: string) => {
    let tasks = columns.get(column);
    if (!tasks) columns.set(column, (tasks = []));
    return tasks;
  };
  const remove = (taskId: string) => {
    const tasks = list(columnOf.get(taskId) ?? '');
    tasks.splice(tasks.indexOf(taskId), 1);
    columnOf.delete(taskId);
  };
  const insert = (change: ChangeRecord, column: string, rule: 'append' | 'at') => {
    const tasks = list(column);
    const position = change.position ?? tasks.length;
    if (position > tasks.length || (rule === 'append' && position !== tasks.length)) {
      anomalies.push({
        seq: change.seq,
        message: `${change.name} puts ${change.taskId} at position ${position} of "${column}", which has ${tasks.length} task(s)`,
      });
    }
    tasks.splice(Math.min(position, tasks.length), 0, change.taskId);
    columnOf.set(change.taskId, column);
  };

  for (const change of changes) {
    const known = columnOf.has(change.taskId);
    if (change.name !== 'task.created' && !known) {
      anomalies.push({ seq: change.seq, message: `${change.name} of ${change.taskId}, which is not on the board` });
      continue;
    }
    switch (change.name) {
      case 'task.created':
        if (known) {
          anomalies.push({
            seq: change.seq,
            message: `task.created of ${change.taskId}, which is already on the board`,
          });
          remove(change.taskId);
        }
        insert(change, change.column ?? '', 'append');
        titles.set(change.taskId, change.title ?? '');
        break;
      case 'task.updated': {
        const column = columnOf.get(change.taskId) ?? '';
        const position = list(column).indexOf(change.taskId);
        if (
          (change.column !== undefined && change.column !== column) ||
          (change.position !== undefined && change.position !== position)
        ) {
          anomalies.push({
            seq: change.seq,
            message: `task.updated says ${change.taskId} is at "${change.column}" ${change.position}; replayed, it is at "${column}" ${position}`,
          });
        }
        if (change.title !== undefined) titles.set(change.taskId, change.title);
        break;
      }
      case 'task.moved':
        remove(change.taskId);
        insert(change, change.column ?? '', 'at');
        break;
      case 'task.deleted':
        remove(change.taskId);
        titles.delete(change.taskId);
        break;
    }
  }

  const tasks = new Map<string, SnapshotTask>();
  for (const [column, ids] of columns) {
    ids.forEach((id, position) => tasks.set(id, { id, column, position, title: titles.get(id) ?? '' }));
  }
  return { tasks, anomalies };
}
