import type { VuApi } from '../script/vu-api.ts';
import { isThenable } from '../script/event-loop.ts';
import { invokeFromUnawaited, markBlocking, NOT_AWAITABLE_HINT, takeAwaiting } from '../script/blocking-bridge.ts';
import type { Tags } from '../metrics/types.ts';

/**
 * `k6`: check, group, sleep, fail.
 *
 * sleep() and group() block the calling VU only: the script is loaded with its
 * blocking calls turned into awaits (script/blocking-transform.ts), so here
 * they return a promise when their caller awaits them. In setup()/teardown()
 * reached by a path the transform missed, sleep() blocks the thread (no VU runs
 * then); in VU code such a call fails the iteration with a message naming it.
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
    // Read first: the flag is for this call only (group's callback gets its own).
    // True when the transform made the callback async because it blocks; a
    // callback written async in the source (which k6 forbids) arrives false.
    const madeAsyncByTransform = takeAwaiting(vu);
    if (vu.inInit) throw new Error('group() can only be called from a VU function, not the init context');
    // k6 rejects async functions here: its group tag cannot follow awaited work.
    if (!madeAsyncByTransform && typeof fn === 'function' && fn.constructor?.name === 'AsyncFunction') {
      // A blocking callback reached through an unseen group() call (e.g. via a
      // variable) was made async by the transform too, so the message covers both.
      throw new Error(
        'group() does not support async functions as arguments; see https://grafana.com/docs/k6/latest/javascript-api/k6/group/. ' +
          'If this callback is not written async, it blocks and this group() call is reached in a way the runner cannot see: call group() directly',
      );
    }
    const parent = vu.groupPath;
    const path = groups.enter(parent, name);
    vu.groupPath = path;
    const start = clock.now();
    const finish = () => {
      vu.emit('group_duration', clock.now() - start, vu.tags());
      vu.groupPath = parent;
    };
    try {
      const result = (
        madeAsyncByTransform ? vu.callScript(fn, undefined, []) : invokeFromUnawaited(vu, 'group()', fn, undefined, [])
      ) as R;
      if (madeAsyncByTransform && isThenable(result)) {
        // A callback that blocks (made async by the transform) holds the group
        // until it settles, as k6's blocking group does.
        return Promise.resolve(result).then(
          (v) => (finish(), v),
          (e: unknown) => {
            finish();
            throw e;
          },
        ) as R;
      }
      // A plain function that returns a promise ends the group when it returns, as in k6.
      finish();
      return result;
    } catch (e) {
      if (vu.groupPath === path) finish();
      throw e;
    }
  }

  function sleep(seconds: number): Promise<void> | undefined {
    const awaited = takeAwaiting(vu);
    if (vu.inInit) throw new Error('sleep() is not available in the init context');
    const ms = Math.max(0, Number(seconds) * 1000 || 0);
    if (!awaited) {
      if (vu.scenario) throw new Error(`sleep() cannot pause this VU here: ${NOT_AWAITABLE_HINT}`);
      blockThread(ms); // setup()/teardown(): no VU iterates meanwhile
      return undefined;
    }
    return new Promise<void>((resolve) => {
      const cancel = clock.after(ms, () => {
        handle.release();
        resolve();
      });
      const handle = vu.loop.ref(cancel);
    });
  }

  function fail(message?: string): never {
    throw new Error(message ?? 'fail() called');
  }

  return { check, group: markBlocking(group), sleep: markBlocking(sleep), fail };
}

function blockThread(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function stringTags(tags: unknown): Tags {
  const out: Tags = {};
  if (tags && typeof tags === 'object')
    for (const [k, v] of Object.entries(tags)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}
