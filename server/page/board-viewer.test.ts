import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/board-event.ts';
import type { Task } from '../board/task.ts';
import { LiveEvent } from '../bus/live-event.ts';
import { BoardStream } from '../stream/board-stream.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { RecordedResponse } from '../testing/recorded-response.ts';
import { BoardViewer } from './board-viewer.ts';
import { SseStream, type SseResponse } from './sse-stream.ts';

const task = (n: number): Task => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  board: 'b',
  title: `task ${n}`,
  column: 'todo',
  position: n - 1,
  notes: '',
  tags: [],
  assignee: null,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
});
const created = (seq: number): BoardEvent => ({
  board: 'b',
  seq,
  name: 'task.created',
  data: { task: task(seq) },
  origin: 'r',
  at: 0,
});

/** A page that rendered the board at `after`, its viewer and the board stream it is fed by. */
function page(after: number, stored: BoardEvent[] = []) {
  const res = new RecordedResponse();
  const clock = new FakeClock(1_000);
  const sse = new SseStream(res as unknown as SseResponse, { keepaliveMs: 60_000, clock });
  const viewer = new BoardViewer('b', { id: 'me', username: 'me' }, sse, after, { clock });
  const stream = new BoardStream('b', viewer, {
    read: async (from, limit) => stored.filter((event) => event.seq > from).slice(0, limit),
    window: Number.POSITIVE_INFINITY,
    onReplayed: () => undefined,
    onReset: () => undefined,
  });
  const live = (event: BoardEvent) => stream.deliver(event, new LiveEvent(event));
  const updates = () => res.written.filter((chunk) => chunk.startsWith('event: update'));
  const ids = () =>
    updates()
      .flatMap((chunk) => /^id: (\d+)$/m.exec(chunk)?.[1] ?? [])
      .map(Number);
  return { clock, viewer, stream, live, updates, ids };
}

describe('BoardViewer on its board stream', () => {
  it('draws the snapshot a page missed, then each later event once, in order, those that came during the reads included', async () => {
    const { viewer, stream, live, ids, updates } = page(0, [created(1), created(2), created(3), created(4)]);
    live(created(4));
    live(created(2));
    viewer.catchUp({ seq: 2, tasks: [task(1), task(2)] }, [created(1), created(2)]);
    stream.start(2);
    await stream.settled();
    live(created(3));
    live(created(4));
    live(created(5));
    expect(ids()).toEqual([2, 3, 4, 5]);
    expect(updates()[0]).toContain('task 1');
  });

  it("shows who types until the signal expires by its clock, and not one's own typing", () => {
    const { clock, viewer, updates } = page(0);
    const taskId = task(1).id;
    viewer.typing({ board: 'b', taskId, userId: 'me', name: 'me', expiresAt: 6_000, connectionId: 'page' });
    expect(updates()).toHaveLength(0);
    viewer.typing({ board: 'b', taskId, userId: 'u2', name: 'Bo', expiresAt: 6_000, connectionId: 'c2' });
    expect(updates().at(-1)).toContain('Bo is typing');
    clock.advance(4_999);
    expect(updates()).toHaveLength(1);
    clock.advance(1);
    expect(updates()).toHaveLength(2);
    expect(updates().at(-1)).not.toContain('typing…');
  });
});
