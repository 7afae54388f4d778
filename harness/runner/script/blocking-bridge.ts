// The runtime half of blocking-transform.ts, installed in every VU as
// `__swaglab`. Rewritten call sites go through call()/method(), which raise a
// one-shot "the caller awaits this" flag just for the callee they invoke. Every
// async function of the script clears the flag on entry, and so does every
// blocking host function (sleep, http.get …), so the flag never leaks into
// deeper calls. A function the transform made async that finds the flag down
// was called from a place that will not await it; a blocking host function
// that finds it down was reached by a path the transform could not see. Both
// fail the iteration loudly rather than run on without waiting.

/** The per-VU state the bridge works on. */
export interface AwaitFlagHolder {
  awaiting: boolean;
  /** Set while a host function that was itself not awaited (e.g. group()) calls a script callback. */
  unawaitedCaller?: string | undefined;
  /** Reports a blocking call the runner could not turn into a wait (fails the iteration, or the init context). */
  blockingMisuse(error: Error): void;
}

// Per function: does it read the flag on entry (async functions of the script,
// blocking host functions)? Cached, because every WebSocket message and timer
// callback passes through invokeAwaited (a lookup here is ~10 ns, a toString ~60).
const takesFlag = new WeakMap<object, boolean>();

/** Marks a host function (sleep, http.get …) as one that reads the await flag on entry. */
export function markBlocking<F extends (...args: never[]) => unknown>(fn: F): F {
  takesFlag.set(fn, true);
  return fn;
}

/** Async functions of any realm (the script's functions live in the VU's own realm). */
export function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && Object.prototype.toString.call(fn) === '[object AsyncFunction]';
}

function readsFlag(fn: object): boolean {
  let reads = takesFlag.get(fn);
  if (reads === undefined) takesFlag.set(fn, (reads = isAsyncFunction(fn)));
  return reads;
}

/** Calls a script function whose result the runner will await (VU function, lifecycle, group, timers, handlers). */
export function invokeAwaited(holder: AwaitFlagHolder, fn: unknown, thisArg: unknown, args: unknown[]): unknown {
  if (typeof fn !== 'function') throw new TypeError(`${describe(fn)} is not a function`);
  // The flag is down whenever script code runs (every taker clears it), so a
  // plain function needs no flag and no finally.
  if (!readsFlag(fn)) return Reflect.apply(fn, thisArg, args);
  holder.awaiting = true;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    holder.awaiting = false;
  }
}

/**
 * Like invokeAwaited, for a host function whose own call is not awaited (group()
 * reached through a variable): a callback the transform made async because it
 * blocks would run on behind its caller's back, so it reports itself instead.
 */
export function invokeFromUnawaited(
  holder: AwaitFlagHolder,
  caller: string,
  fn: unknown,
  thisArg: unknown,
  args: unknown[],
): unknown {
  holder.unawaitedCaller = caller;
  try {
    return invokeAwaited(holder, fn, thisArg, args);
  } finally {
    holder.unawaitedCaller = undefined;
  }
}

/** Reads and clears the flag: true when the caller will await the result. */
export function takeAwaiting(holder: AwaitFlagHolder): boolean {
  const awaited = holder.awaiting;
  holder.awaiting = false;
  return awaited;
}

export const NOT_AWAITABLE_HINT =
  'the runner turns blocking k6 calls into awaits when it loads the script, and this call is reached in a way it cannot see ' +
  '(from a constructor, getter, generator or class field, from a callback of check(), of a Map/Set forEach or another library function, ' +
  'or through a function stored in a variable and called later). Call it directly from the VU function (or from functions it calls ' +
  'by name), or write the code async with `await http.asyncRequest(...)` / `await sleep(...)`';

export function createBridge(holder: AwaitFlagHolder) {
  return Object.freeze({
    call: (fn: unknown, thisArg: unknown, ...args: unknown[]) => invokeAwaited(holder, fn, thisArg, args),
    method: (target: unknown, key: PropertyKey, ...args: unknown[]) => {
      const fn = (target as Record<PropertyKey, unknown>)[key];
      if (typeof fn !== 'function') throw new TypeError(`${String(key)} is not a function`);
      return invokeAwaited(holder, fn, target, args);
    },
    /** A then/catch/finally callback the transform made async: called with the flag up, since the promise awaits it. */
    awaited: (callback: unknown): unknown =>
      typeof callback === 'function'
        ? (...args: unknown[]) => invokeAwaited(holder, callback, undefined, args)
        : callback,
    /** xs.forEach/map/filter/some/every/find/findIndex(cb) with a blocking cb: one element at a time, each awaited. */
    each: (target: unknown, key: string, callback: unknown, thisArg?: unknown): unknown => {
      if (!Array.isArray(target) || typeof callback !== 'function') {
        // Not an array (a Map, a custom class …): called as written; a blocking callback then reports itself.
        const fn = (target as Record<string, unknown>)[key];
        if (typeof fn !== 'function') throw new TypeError(`${key} is not a function`);
        return Reflect.apply(fn, target, thisArg === undefined ? [callback] : [callback, thisArg]);
      }
      return eachInOrder(holder, target, key, callback, thisArg);
    },
    /** label null: an async function of the script's own (only clears the flag). */
    enter: (label: string | null): boolean => {
      const awaited = takeAwaiting(holder);
      const unawaitedCaller = holder.unawaitedCaller;
      holder.unawaitedCaller = undefined;
      if (label === null || (awaited && !unawaitedCaller)) return true;
      const why = unawaitedCaller
        ? `it is the callback of a ${unawaitedCaller} call the runner could not make wait, so the code after that call would run on before it ends`
        : 'it is called where its caller will not wait for it';
      holder.blockingMisuse(
        new Error(
          `${label} waits for sleep() or a blocking k6/http call (directly or through functions it calls), so the runner made it asynchronous, but ${why}: ${NOT_AWAITABLE_HINT}`,
        ),
      );
      return false;
    },
    /** What a misused function returns: it never settles (the iteration has already failed). */
    halt: new Promise<never>(() => {}),
  });
}

async function eachInOrder(
  holder: AwaitFlagHolder,
  items: unknown[],
  key: string,
  callback: unknown,
  thisArg: unknown,
): Promise<unknown> {
  // Made from the script's own array so that results are arrays of its realm.
  const results = Array.prototype.slice.call(items, 0, 0) as unknown[];
  const kept = Array.prototype.slice.call(items, 0, 0) as unknown[];
  const length = items.length;
  for (let i = 0; i < length; i++) {
    if (!(i in items)) continue; // holes are skipped, as the array methods do
    const r = await invokeAwaited(holder, callback, thisArg, [items[i], i, items]);
    if (key === 'map') results[i] = r;
    else if (key === 'filter' && r) kept.push(items[i]);
    else if (key === 'some' && r) return true;
    else if (key === 'every' && !r) return false;
    else if (key === 'find' && r) return items[i];
    else if (key === 'findIndex' && r) return i;
  }
  switch (key) {
    case 'map':
      results.length = length;
      return results;
    case 'filter':
      return kept;
    case 'some':
      return false;
    case 'every':
      return true;
    case 'find':
      return undefined;
    case 'findIndex':
      return -1;
    default:
      return undefined;
  }
}

function describe(v: unknown): string {
  return v === null ? 'null' : typeof v;
}
