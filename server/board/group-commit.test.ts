import { describe, expect, it } from 'vitest';
import { GroupCommit, type Outcome } from './group-commit.ts';

class Refused extends Error {}
class Isolatable extends Error {}
class Unreachable extends Error {}

/** A fake "commit batch": records every batch, and commits only when the test releases it. */
function fakeStore(decide: (change: number) => Outcome<string> = (change) => ({ ok: true, value: `done ${change}` })) {
  const batches: { key: string; changes: number[]; release(failure?: unknown): void }[] = [];
  const commit = (key: string, changes: number[]) =>
    new Promise<Outcome<string>[]>((resolve, reject) => {
      batches.push({
        key,
        changes,
        release: (failure) => (failure === undefined ? resolve(changes.map(decide)) : reject(failure)),
      });
    });
  return { batches, commit };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function groupCommit(store: ReturnType<typeof fakeStore>, maxPending = 100, maxBatch = 100) {
  const observed: [number, number][] = [];
  const queue = new GroupCommit<number, string>({
    commit: store.commit,
    maxPending,
    maxBatch,
    isolatable: (error) => error instanceof Isolatable,
    failsQueued: (error) => error instanceof Unreachable,
    refusal: (key, pending) => new Refused(`${key} has ${pending} pending`),
    onBatch: (size, committed) => observed.push([size, committed]),
  });
  return { queue, observed };
}

describe('GroupCommit', () => {
  it('sends changes of one turn as one batch, and queues later ones for the next batch while one is in flight', async () => {
    const store = fakeStore();
    const { queue, observed } = groupCommit(store);
    const first = [queue.submit('b', 1), queue.submit('b', 2)];
    await settle();
    expect(store.batches.map((batch) => batch.changes)).toEqual([[1, 2]]);
    const later = [queue.submit('b', 3), queue.submit('b', 4), queue.submit('b', 5)];
    await settle();
    expect(store.batches).toHaveLength(1);
    expect(queue.pending('b')).toBe(5);
    store.batches[0]!.release();
    expect(await Promise.all(first)).toEqual(['done 1', 'done 2']);
    await settle();
    expect(store.batches.map((batch) => batch.changes)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    store.batches[1]!.release();
    expect(await Promise.all(later)).toEqual(['done 3', 'done 4', 'done 5']);
    expect(observed).toEqual([
      [2, 2],
      [3, 3],
    ]);
    await settle();
    expect(queue.pending('b')).toBe(0);
  });

  it('keeps boards apart: each has its own batch in flight', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store);
    const results = [queue.submit('a', 1), queue.submit('b', 2), queue.submit('a', 3)];
    await settle();
    expect(store.batches.map((batch) => [batch.key, batch.changes])).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    store.batches[1]!.release();
    expect(await results[1]).toBe('done 2');
    store.batches[0]!.release();
    expect(await Promise.all([results[0], results[2]])).toEqual(['done 1', 'done 3']);
  });

  it('gives each change its own outcome: one failing change does not fail the others of its batch', async () => {
    const store = fakeStore((change) =>
      change === 2 ? { ok: false, error: new Error('task 2 not found') } : { ok: true, value: `done ${change}` },
    );
    const { queue, observed } = groupCommit(store);
    const results = [1, 2, 3].map((change) =>
      queue.submit('b', change).then(
        (value) => value,
        (error: Error) => error.message,
      ),
    );
    await settle();
    store.batches[0]!.release();
    expect(await Promise.all(results)).toEqual(['done 1', 'task 2 not found', 'done 3']);
    expect(observed).toEqual([[3, 2]]);
  });

  it('refuses at once past maxPending (queued and in flight), and accepts again once the batch is answered', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store, 3);
    const accepted = [queue.submit('b', 1), queue.submit('b', 2)];
    await settle();
    accepted.push(queue.submit('b', 3));
    await expect(queue.submit('b', 4)).rejects.toThrow(new Refused('b has 3 pending'));
    await expect(queue.submit('b', 5)).rejects.toBeInstanceOf(Refused);
    expect(queue.pending('b')).toBe(3);
    const other = queue.submit('other', 6);
    expect(queue.pending('other')).toBe(1);
    store.batches[0]!.release();
    await settle();
    expect(queue.pending('b')).toBe(1);
    const next = queue.submit('b', 7);
    expect(queue.pending('b')).toBe(2);
    for (const batch of store.batches.slice(1)) batch.release();
    await settle();
    expect(store.batches.filter((batch) => batch.key === 'b').map((batch) => batch.changes)).toEqual([
      [1, 2],
      [3],
      [7],
    ]);
    store.batches.at(-1)!.release();
    expect(await Promise.all([...accepted, next, other])).toEqual(['done 1', 'done 2', 'done 3', 'done 7', 'done 6']);
  });

  it('splits batches at maxBatch', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store, 100, 2);
    const results = [1, 2, 3, 4, 5].map((change) => queue.submit('b', change));
    await settle();
    store.batches[0]!.release();
    await settle();
    store.batches[1]!.release();
    await settle();
    store.batches[2]!.release();
    await Promise.all(results);
    expect(store.batches.map((batch) => batch.changes)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every change of a batch whose outcome is unknown, without retrying it', async () => {
    const store = fakeStore();
    const { queue, observed } = groupCommit(store);
    const lost = new Error('connection lost during commit');
    const results = [1, 2].map((change) => queue.submit('b', change).catch((error: unknown) => error));
    await settle();
    store.batches[0]!.release(lost);
    expect(await Promise.all(results)).toEqual([lost, lost]);
    expect(store.batches).toHaveLength(1);
    expect(observed).toEqual([[2, 0]]);
  });

  it('retries a batch that failed as a whole and committed nothing change by change, so only the change at fault fails', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store);
    const results = [1, 2, 3].map((change) => queue.submit('b', change).catch((error: unknown) => error));
    await settle();
    store.batches[0]!.release(new Isolatable('constraint violated somewhere in the batch'));
    await settle();
    expect(store.batches.at(-1)!.changes).toEqual([1]);
    store.batches.at(-1)!.release();
    await settle();
    const poison = new Isolatable('change 2 violates a constraint');
    store.batches.at(-1)!.release(poison);
    await settle();
    store.batches.at(-1)!.release();
    expect(await Promise.all(results)).toEqual(['done 1', poison, 'done 3']);
    expect(store.batches.map((batch) => batch.changes)).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails the changes queued behind a batch that found the database unreachable at once, and starts afresh after', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store);
    const inFlight = queue.submit('b', 1).catch((error: unknown) => error);
    await settle();
    const queued = [2, 3].map((change) => queue.submit('b', change).catch((error: unknown) => error));
    const down = new Unreachable('connection refused');
    store.batches[0]!.release(down);
    expect(await Promise.all([inFlight, ...queued])).toEqual([down, down, down]);
    expect(store.batches).toHaveLength(1);
    expect(queue.pending('b')).toBe(0);
    const later = queue.submit('b', 4);
    await settle();
    store.batches[1]!.release();
    expect(await later).toBe('done 4');
  });

  it('a batch lost with an unknown outcome fails only its own changes; the next batch still commits', async () => {
    const store = fakeStore();
    const { queue } = groupCommit(store);
    const alone = queue.submit('b', 1).catch((error: unknown) => error);
    await settle();
    const queued = queue.submit('b', 2);
    const lost = new Error('connection lost during commit');
    store.batches[0]!.release(lost);
    expect(await alone).toBe(lost);
    await settle();
    store.batches[1]!.release();
    expect(await queued).toBe('done 2');
  });
});
