import type { RunServices, VuApi } from '../script/vu-api.ts';

// `k6/data`: SharedArray. The function runs once per run (in the first VU
// whose init code reaches it); the elements are kept once, as JSON, and every
// read hands the script its own copy, as k6 documents. Read-only: writes throw.

const storesByRun = new WeakMap<RunServices, Map<string, readonly string[]>>();

function storeOf(services: RunServices): Map<string, readonly string[]> {
  let store = storesByRun.get(services);
  if (!store) storesByRun.set(services, (store = new Map()));
  return store;
}

export function createDataModule(vu: VuApi) {
  class SharedArray {
    constructor(name: unknown, fn: unknown) {
      if (!vu.inInit) throw new Error('SharedArray must be constructed in the init context');
      if (typeof name !== 'string' || name === '')
        throw new TypeError('SharedArray: a non-empty name is required as the first argument');
      const store = storeOf(vu.services);
      let items = store.get(name);
      if (!items) {
        if (typeof fn !== 'function')
          throw new TypeError(`SharedArray "${name}": the second argument must be a function returning an array`);
        const value = (fn as () => unknown)();
        if (!Array.isArray(value))
          throw new TypeError(
            `SharedArray "${name}": the function must return an array, got ${value === null ? 'null' : typeof value}`,
          );
        items = Object.freeze(value.map((v) => JSON.stringify(v ?? null)));
        store.set(name, items);
      }
      return sharedView(name, items) as unknown as SharedArray;
    }
  }
  return { SharedArray };
}

function sharedView(name: string, items: readonly string[]): object {
  const readOnly = (): never => {
    throw new TypeError(`SharedArray "${name}" is read-only`);
  };
  const element = (i: number) => {
    const json = items[i];
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  };
  return new Proxy(Object.create(null) as object, {
    get(_target, prop) {
      if (prop === 'length') return items.length;
      if (prop === Symbol.iterator) {
        return function* () {
          for (let i = 0; i < items.length; i++) yield element(i);
        };
      }
      if (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop)) return element(Number(prop));
      return undefined;
    },
    has: (_target, prop) =>
      prop === 'length' || (typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop) && Number(prop) < items.length),
    set: readOnly,
    deleteProperty: readOnly,
    defineProperty: readOnly,
    setPrototypeOf: readOnly,
  });
}
