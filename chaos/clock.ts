import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the player sees it; tests pass a fake that jumps instead of waiting. */
export interface Clock {
  now(): number;
  /** Resolves at `time` (epoch ms); rejects when the signal aborts. */
  sleepUntil(time: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil: async (time, signal) => {
    const wait = time - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal });
    signal?.throwIfAborted();
  },
};
