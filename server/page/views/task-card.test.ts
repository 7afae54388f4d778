import { describe, expect, it } from 'vitest';
import type { Task } from '../../board/task.ts';
import { taskCard } from './task-card.ts';

const task = (notes: string): Task => ({
  id: '6f1c2a4e-0b7d-4a39-9a35-6e1f3b1c2d4e',
  board: 'demo',
  title: 'Write <b>docs</b>',
  column: 'todo',
  position: 0,
  notes,
  tags: [],
  assignee: null,
  version: 2,
  createdAt: 1,
  updatedAt: 2,
});

describe('taskCard', () => {
  it('shows notes as text: markup in them cannot close the textarea or run', () => {
    const card = taskCard(task(`</textarea><script>alert("x")</script><img src=x onerror=alert(1)>`)).value;
    expect(card).not.toContain('<script>');
    expect(card).not.toContain('<img');
    expect(card).toContain(
      '&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>',
    );
    expect(card).toContain('Write &lt;b&gt;docs&lt;/b&gt;');
  });

  it('saves notes on change and still reports typing in them', () => {
    const card = taskCard(task('')).value;
    expect(card).toMatch(
      /<textarea name="notes"[^>]*hx-post="demo\/tasks\/6f1c2a4e-0b7d-4a39-9a35-6e1f3b1c2d4e" hx-trigger="change" hx-params="notes"/,
    );
    expect(card).toMatch(
      /hx-post="demo\/tasks\/6f1c2a4e-0b7d-4a39-9a35-6e1f3b1c2d4e\/typing" hx-trigger="keyup changed delay:300ms from:previous textarea"/,
    );
  });
});
