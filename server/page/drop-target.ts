import type { MoveTarget, Task, TaskId } from '../board/task.ts';

/**
 * A card dropped before card `before` in `column`, as the move the store makes (it clamps the position, as for
 * every move). Positions count without the moving task, so a task moved down its own column lands one place
 * lower than its anchor's. An anchor that is gone or elsewhere (moved meanwhile, or in a free-form column shown
 * under To do) means the end of the column, as a drop past the last card does.
 */
export function dropTarget(
  tasks: readonly Task[],
  taskId: TaskId,
  column: string,
  before: TaskId | undefined,
): MoveTarget {
  const anchor = before === undefined ? undefined : tasks.find((task) => task.id === before);
  if (!anchor || anchor.column !== column || anchor.id === taskId) return { column };
  const moving = tasks.find((task) => task.id === taskId);
  const above = moving !== undefined && moving.column === column && moving.position < anchor.position;
  return { column, position: anchor.position - (above ? 1 : 0) };
}
