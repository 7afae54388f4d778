import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import type { Task } from '../board/task.ts';
import { BoardModel } from './board-model.ts';
import { eventFragment } from './fragments.ts';
import { COLUMNS } from './views/task-card.ts';

const task = (id: string, column: string, position: number, tags: string[] = []): Task => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  board: 'demo',
  title: `task ${id}`,
  column,
  position,
  notes: '',
  tags,
  assignee: null,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
});

const moved = (seq: number, moving: Task, fromColumn: string): BoardEvent => ({
  board: 'demo',
  seq,
  name: 'task.moved',
  data: { task: moving, fromColumn },
  origin: 'r',
  at: 1,
});
const titles = (model: BoardModel, column: number, tags?: string[]) =>
  model.cards(COLUMNS[column]!, tags ? { tags } : {}).map((card) => card.title);

describe('BoardModel', () => {
  it('renumbers both columns on a move, as the server does', () => {
    const model = new BoardModel([
      task('1', 'todo', 0),
      task('2', 'todo', 1),
      task('3', 'todo', 2),
      task('4', 'done', 0),
    ]);
    model.apply(moved(5, task('1', 'done', 1), 'todo'));
    expect(titles(model, 0)).toEqual(['task 2', 'task 3']);
    expect(model.get(task('2', 'todo', 0).id)?.position).toBe(0);
    expect(titles(model, 2)).toEqual(['task 4', 'task 1']);
    model.apply(moved(6, task('3', 'todo', 0), 'todo'));
    expect(titles(model, 0)).toEqual(['task 3', 'task 2']);
  });

  it('puts a card that comes into a filtered view after the shown card before it, and removes one that leaves', () => {
    const model = new BoardModel([task('1', 'todo', 0, ['ui']), task('2', 'todo', 1), task('3', 'todo', 2, ['ui'])]);
    const tagged = task('2', 'todo', 1, ['ui']);
    const gained = eventFragment(
      { board: 'demo', seq: 4, name: 'task.updated', data: { task: tagged }, origin: 'r', at: 1 },
      model.apply({ board: 'demo', seq: 4, name: 'task.updated', data: { task: tagged }, origin: 'r', at: 1 }),
      model,
      { tags: ['ui'] },
      {},
    ).value;
    expect(gained).toContain(`hx-swap-oob="afterend:#task-${task('1', 'todo', 0).id}"`);
    expect(gained).not.toContain('hx-swap-oob="delete"');
    expect(titles(model, 0, ['ui'])).toEqual(['task 1', 'task 2', 'task 3']);

    const untagged: BoardEvent = {
      board: 'demo',
      seq: 5,
      name: 'task.updated',
      data: { task: task('1', 'todo', 0) },
      origin: 'r',
      at: 1,
    };
    const lost = eventFragment(untagged, model.apply(untagged), model, { tags: ['ui'] }, {}).value;
    expect(lost).toContain(`<div id="task-${task('1', 'todo', 0).id}" hx-swap-oob="delete">`);
    expect(lost).not.toContain('<article');
  });
});
