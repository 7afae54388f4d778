import { instanceCounters } from '../script/instance-counters.ts';
import type { Tags } from '../metrics/types.ts';
import { TEST_ABORTED, type VuApi } from '../script/vu-api.ts';

/**
 * `k6/execution`: views of the current VU, scenario, instance and test.
 * `vu.tags` (also `vu.metrics.tags`) is writable: a tag set there goes on every
 * sample this VU emits until it leaves the scenario, as k6 documents.
 * `vu.metrics.metadata` is the same for metadata: carried on samples (onSample)
 * but never indexed, so high-cardinality values such as trace ids cost no series.
 */
export function createExecutionModule(vu: VuApi) {
  const s = vu.services;
  const scenario = () => {
    if (!vu.scenario)
      throw new Error('exec.scenario is only available while a scenario runs (not in init, setup or teardown)');
    return vu.scenario;
  };
  const tags = vuTagsView(vu);
  const metadata = vuMetadataView(vu);
  return {
    vu: {
      get idInTest() {
        return vu.id;
      },
      get idInInstance() {
        return vu.id;
      },
      get iterationInScenario() {
        return vu.iteration;
      },
      get iterationInInstance() {
        return vu.iterationInInstance;
      },
      get tags() {
        return tags;
      },
      set tags(_value: unknown) {
        throw new TypeError('exec.vu.tags cannot be replaced; set its keys instead (exec.vu.tags.name = value)');
      },
      metrics: {
        get tags() {
          return tags;
        },
        get metadata() {
          return metadata;
        },
        set metadata(_value: unknown) {
          throw new TypeError(
            'exec.vu.metrics.metadata cannot be replaced; set its keys instead (exec.vu.metrics.metadata.trace_id = value)',
          );
        },
      },
    },
    scenario: {
      get name() {
        return scenario().name;
      },
      get executor() {
        return scenario().executor;
      },
      get startTime() {
        return scenario().startTime;
      },
      get progress() {
        return scenario().progress();
      },
      get iterationInTest() {
        return vu.iterationInTest;
      },
      get iterationInInstance() {
        return vu.iterationInTest;
      },
    },
    instance: {
      get vusActive() {
        return s.activeVus();
      },
      get vusInitialized() {
        return s.maxVus();
      },
      get iterationsCompleted() {
        return instanceCounters(s).completed;
      },
      get iterationsInterrupted() {
        return instanceCounters(s).interrupted;
      },
      get currentTestRunDuration() {
        return s.clock.now() - s.testStart();
      },
    },
    test: {
      abort(reason?: string): never {
        s.abortTest(reason ?? 'test aborted');
        throw Object.assign(new Error(`test aborted: ${reason ?? ''}`.trim()), { [TEST_ABORTED]: true });
      },
      get options() {
        return s.testOptions();
      },
    },
  };
}

/** exec.vu.tags: reads show the VU's current tags; writes set a tag (string, number or boolean) on its later samples. */
function vuTagsView(vu: VuApi): Record<string, string> {
  return writableTagMap('exec.vu.tags', () => vu.tags(), {
    set: (key, value) => (vu.customTags[key] = value),
    remove: (key) => delete vu.customTags[key],
  });
}

/** exec.vu.metrics.metadata: the same, but every write replaces vu.customMetadata with a new snapshot. */
function vuMetadataView(vu: VuApi): Record<string, string> {
  const current = () => vu.customMetadata ?? {};
  const replace = (next: Tags) => (vu.customMetadata = Object.keys(next).length ? next : undefined);
  return writableTagMap('exec.vu.metrics.metadata', current, {
    set: (key, value) => replace({ ...current(), [key]: value }),
    remove: (key) => replace(Object.fromEntries(Object.entries(current()).filter(([k]) => k !== key))),
  });
}

/** A live view of `current()` whose writes (string, number or boolean, stored as strings) and deletes go to `change`. */
function writableTagMap(
  what: string,
  current: () => Tags,
  change: { set(key: string, value: string): void; remove(key: string): void },
): Record<string, string> {
  return new Proxy({} as Record<string, string>, {
    get: (_t, key) => (typeof key === 'string' ? current()[key] : undefined),
    set: (_t, key, value) => {
      if (typeof key !== 'string') return false;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new TypeError(
          `${what}.${key}: only string, number and boolean values are allowed, got ${value === null ? 'null' : typeof value}`,
        );
      }
      change.set(key, String(value));
      return true;
    },
    deleteProperty: (_t, key) => {
      if (typeof key === 'string') change.remove(key);
      return true;
    },
    has: (_t, key) => typeof key === 'string' && key in current(),
    ownKeys: () => Object.keys(current()),
    getOwnPropertyDescriptor: (_t, key) => {
      const value = typeof key === 'string' ? current()[key] : undefined;
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: true };
    },
  });
}
