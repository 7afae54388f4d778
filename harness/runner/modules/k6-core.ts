import type { VuApi } from '../script/vu-api.ts';
import type { Tags } from '../metrics/types.ts';

/**
 * `k6`: check, group, sleep, fail.
 *
 * sleep(): all VUs share Node's single thread, so a blocking sleep would stall
 * every VU and every socket. Instead sleep() returns a promise and registers a
 * pending timer with the VU's loop:
 *  - `await sleep(1)` in an async function behaves exactly like k6;
 *  - a bare `sleep(1)` (not awaited) does not pause the code after it, but the
 *    iteration still lasts until the sleep ends, and successive bare sleeps add
 *    up — so the common "do work, then sleep(1)" pacing keeps k6's timing.
 * Scripts that need code to run *after* a pause must await it (or use timers).
 */
export function createK6Module(vu: VuApi) {
  const { clock, groups } = vu.services;

  function check<T>(value: T, sets: Record<string, unknown>, tags?: Tags): boolean {
    let all = true;
    for (const [name, predicate] of Object.entries(sets ?? {})) {
      const passed = Boolean(typeof predicate === 'function' ? predicate(value) : predicate);
      all &&= passed;
      vu.emit('checks', passed ? 1 : 0, vu.tags({ ...stringTags(tags), check: name }));
      groups.recordCheck(vu.groupPath, name, passed);
    }
    return all;
  }

  function group<R>(name: string, fn: () => R): R {
    if (vu.inInit) throw new Error('group() can only be called from a VU function, not the init context');
    // k6 rejects async functions here: its group tag cannot follow awaited work.
    if (typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction') {
      throw new Error('group() does not support async functions as arguments; see https://grafana.com/docs/k6/latest/javascript-api/k6/group/');
    }
    const parent = vu.groupPath;
    const path = groups.enter(parent, name);
    vu.groupPath = path;
    const start = clock.now();
    try {
      // A plain function that returns a promise ends the group when it returns, as in k6.
      return fn();
    } finally {
      vu.emit('group_duration', clock.now() - start, vu.tags());
      vu.groupPath = parent;
    }
  }

  function sleep(seconds: number): Promise<void> {
    if (vu.inInit) throw new Error('sleep() is not available in the init context');
    const ms = Math.max(0, Number(seconds) * 1000 || 0);
    const start = Math.max(clock.now(), vu.sleepChainEnd);
    const end = start + ms;
    vu.sleepChainEnd = end;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        handle.release();
        resolve();
      }, end - clock.now());
      const handle = vu.loop.ref(() => clearTimeout(timer));
    });
  }

  function fail(message?: string): never {
    throw new Error(message ?? 'fail() called');
  }

  return { check, group, sleep, fail };
}

export function stringTags(tags: unknown): Tags {
  const out: Tags = {};
  if (tags && typeof tags === 'object') for (const [k, v] of Object.entries(tags)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}
