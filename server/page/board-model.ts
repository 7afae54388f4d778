import type { BoardEvent } from '../board/board-event.ts';
import { matchesFilter, type Task, type TaskFilter, type TaskId } from '../board/task.ts';
import { columnOf, type Column } from './views/task-card.ts';

/** A task before and after one event; either is absent when it did not (or no longer does) exist. */
export interface TaskChange {
  before: Task | undefined;
  after: Task | undefined;
}

/**
 * One page's copy of a board's tasks, kept from a snapshot plus the events after it, so live fragments can put a
 * card at its place among the cards the page shows (events carry only the changed task; the positions of the
 * others follow from it: a move or delete closes the gap in the old column, a move opens one in the new).
 */
export class BoardModel {
  private readonly tasks = new Map<TaskId, Task>();

  constructor(tasks: readonly Task[] = []) {
    for (const task of tasks) this.tasks.set(task.id, task);
  }

  get(taskId: TaskId): Task | undefined {
    return this.tasks.get(taskId);
  }

  apply(event: BoardEvent): TaskChange {
    const data = event.data as { task?: Task; taskId?: TaskId };
    const id = data.task?.id ?? (data.taskId as TaskId);
    const before = this.tasks.get(id);
    if (event.name === 'task.deleted') {
      if (before) this.remove(before);
      return { before, after: undefined };
    }
    const after = { ...data.task!, tags: data.task!.tags ?? [], assignee: data.task!.assignee ?? null };
    if (event.name === 'task.moved' || (event.name === 'task.created' && !before)) {
      if (before) this.remove(before);
      for (const other of this.tasks.values()) {
        if (other.column === after.column && other.position >= after.position)
          this.tasks.set(other.id, { ...other, position: other.position + 1 });
      }
    }
    this.tasks.set(id, after);
    return { before, after };
  }

  /** The cards a page column shows, in order: its own tasks by position, then those of free-form columns it hosts. */
  cards(column: Column, filter: TaskFilter = {}): Task[] {
    return [...this.tasks.values()]
      .filter((task) => columnOf(task.column) === column && matchesFilter(task, filter))
      .sort((a, b) => rank(a, column) - rank(b, column) || a.column.localeCompare(b.column) || a.position - b.position);
  }

  /** The shown card just before `task` in its page column, or undefined when it comes first. */
  predecessor(task: Task, filter: TaskFilter = {}): Task | undefined {
    const cards = this.cards(columnOf(task.column), filter);
    const index = cards.findIndex((card) => card.id === task.id);
    return index > 0 ? cards[index - 1] : undefined;
  }

  private remove(task: Task): void {
    this.tasks.delete(task.id);
    for (const other of this.tasks.values()) {
      if (other.column === task.column && other.position > task.position)
        this.tasks.set(other.id, { ...other, position: other.position - 1 });
    }
  }
}

const rank = (task: Task, column: Column): number => (task.column === column.id ? 0 : 1);
