// A client's own view of the board while it runs, kept from the events it
// applies (protocol *Positions* rule), so it can pick real tasks and positions
// for its next command. Pure, no k6 imports.
import type { ChangeRecord, OpKind } from './history-log.ts';

export const COLUMNS = ['todo', 'doing', 'done'] as const;

export class LiveBoard {
  private readonly columns = new Map<string, string[]>(COLUMNS.map((c) => [c, []]));
  private readonly where = new Map<string, string>();

  get size(): number {
    return this.where.size;
  }

  apply(change: ChangeRecord): void {
    if (this.where.has(change.taskId)) {
      const list = this.list(this.where.get(change.taskId) ?? '');
      list.splice(list.indexOf(change.taskId), 1);
      this.where.delete(change.taskId);
    }
    if (change.name === 'task.deleted' || change.column === undefined) return;
    const list = this.list(change.column);
    list.splice(Math.min(change.position ?? list.length, list.length), 0, change.taskId);
    this.where.set(change.taskId, change.column);
  }

  /** A random task on the board, or undefined when it is empty. */
  anyTask(random: () => number): string | undefined {
    const ids = [...this.where.keys()];
    return ids.length ? ids[Math.floor(random() * ids.length)] : undefined;
  }

  /** A random column, and a position in it from 0 to one past its end (past the end means the end). */
  anyPlace(random: () => number): { column: string; position: number } {
    const column = COLUMNS[Math.floor(random() * COLUMNS.length)] ?? 'todo';
    return { column, position: Math.floor(random() * (this.list(column).length + 2)) };
  }

  private list(column: string): string[] {
    let list = this.columns.get(column);
    if (!list) this.columns.set(column, (list = []));
    return list;
  }
}

/** The next kind of command: creates until the board has a few tasks, fewer creates once it holds `maxTasks`. */
export function nextOpKind(size: number, maxTasks: number, random: () => number): OpKind {
  if (size < 3) return 'create';
  const r = random();
  const createShare = size >= maxTasks ? 0.05 : 0.3;
  if (r < createShare) return 'create';
  const rest = (r - createShare) / (1 - createShare);
  return rest < 0.35 ? 'update' : rest < 0.8 ? 'move' : 'delete';
}
