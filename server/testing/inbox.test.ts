import { describe, expect, it } from 'vitest';
import { Inbox } from './inbox.ts';

describe('Inbox', () => {
  it('takes the first match, waiting for it to arrive, and leaves the rest', async () => {
    const inbox = new Inbox<number>('number');
    inbox.push(1);
    setTimeout(() => inbox.push(4), 10);
    await expect(inbox.take((n) => n % 2 === 0, 1000)).resolves.toBe(4);
    expect(inbox.items).toEqual([1]);
  });

  it('fails after the timeout, naming the item and what it has', async () => {
    const inbox = new Inbox<string>('frame');
    inbox.push('a');
    await expect(inbox.take((s) => s === 'b', 20)).rejects.toThrow('no matching frame within 20 ms; have ["a"]');
  });

  it('fails at once when the source has ended', async () => {
    const inbox = new Inbox<string>('message');
    let ended = false;
    setTimeout(() => {
      ended = true;
      inbox.wake();
    }, 10);
    const started = Date.now();
    await expect(
      inbox.take(
        () => false,
        5000,
        () => ended,
      ),
    ).rejects.toThrow('(stream ended)');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
