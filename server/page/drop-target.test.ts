import { describe, expect, it } from 'vitest';
import type { Task } from '../board/task.ts';
import { dropTarget } from './drop-target.ts';

const task = (id: string, column: string, position: number): Task => ({
  id,
  board: 'b',
  title: id,
  column,
  position,
  notes: '',
  tags: [],
  assignee: null,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
});
const tasks = [
  task('a', 'todo', 0),
  task('b', 'todo', 1),
  task('c', 'todo', 2),
  task('d', 'doing', 0),
  task('x', 'ideas', 0),
];

describe('dropTarget', () => {
  it("takes the anchor's place in another column", () => {
    expect(dropTarget(tasks, 'a', 'doing', 'd')).toEqual({ column: 'doing', position: 0 });
  });
  it('lands one lower than the anchor when moving down its own column, as the anchor moves up into the gap', () => {
    expect(dropTarget(tasks, 'a', 'todo', 'c')).toEqual({ column: 'todo', position: 1 });
  });
  it("takes the anchor's place when moving up its own column", () => {
    expect(dropTarget(tasks, 'c', 'todo', 'a')).toEqual({ column: 'todo', position: 0 });
  });
  it('goes to the end with no anchor, a vanished one, one in another column, or itself', () => {
    expect(dropTarget(tasks, 'a', 'doing', undefined)).toEqual({ column: 'doing' });
    expect(dropTarget(tasks, 'a', 'doing', 'gone')).toEqual({ column: 'doing' });
    expect(dropTarget(tasks, 'a', 'todo', 'x')).toEqual({ column: 'todo' });
    expect(dropTarget(tasks, 'a', 'todo', 'a')).toEqual({ column: 'todo' });
  });
});
