import type { Clock } from '../../clock.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { Tags } from '../metrics/types.ts';
import type { GroupTree } from '../summary/group-tree.ts';
import type { VuLoop } from './event-loop.ts';

/** Where a VU currently runs; read by k6/execution and used for sample tags. */
export interface ScenarioState {
  name: string;
  executor: string;
  /** Scenario tags plus the `scenario` system tag. */
  tags: Tags;
  env: Record<string, string>;
  startTime: number;
  /** Next global iteration number in this scenario (shared by its VUs). */
  nextIterationInTest: () => number;
  /** Progress 0..1 for exec.scenario.progress. */
  progress: () => number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Runner-wide services every VU shares. */
export interface RunServices {
  registry: MetricRegistry;
  groups: GroupTree;
  clock: Clock;
  scriptPath: string;
  env: Record<string, string>;
  /** options.tags: added to every sample. */
  globalTags: () => Tags;
  log: (level: LogLevel, message: string, fields: Record<string, string | number>) => void;
  abortTest: (reason: string) => void;
  activeVus: () => number;
  maxVus: () => number;
  testStart: () => number;
  testOptions: () => Record<string, unknown>;
}

/** What k6 modules see of the VU they belong to. */
export interface VuApi {
  readonly id: number;
  readonly loop: VuLoop;
  readonly services: RunServices;
  /** The VU realm's ArrayBuffer: binary values handed to the script are made with it, so `instanceof` holds there. */
  readonly realmArrayBuffer: ArrayBufferConstructor;
  /** True while the init context runs (open(), new metrics allowed). */
  readonly inInit: boolean;
  groupPath: string;
  scenario: ScenarioState | undefined;
  /** Iteration counter of this VU within its current scenario (__ITER). */
  iteration: number;
  /** Iterations this VU has started in this instance, across scenarios. */
  iterationInInstance: number;
  /** Tags set by the script through exec.vu.tags; kept while the VU stays in its scenario. */
  customTags: Tags;
  /**
   * exec.vu.metrics.metadata; undefined while empty. Replaced (never mutated) on
   * every change, so each sample can hold the snapshot it was emitted with.
   */
  customMetadata: Tags | undefined;
  iterationInTest: number;
  /** Tags for a sample emitted now: global + scenario + group + extra. */
  tags(extra?: Tags | undefined): Tags;
  emit(metric: string, value: number, tags?: Tags, time?: number): void;
  /** One-shot "the caller awaits this call" flag (see script/blocking-bridge.ts). */
  awaiting: boolean;
  /** See blocking-bridge.ts invokeFromUnawaited. */
  unawaitedCaller?: string | undefined;
  /** Reports a blocking call the runner could not make wait: fails the iteration (or the init context). */
  blockingMisuse(error: Error): void;
  /** Calls a script callback whose result the runner awaits (timers, event handlers, group). */
  callScript(fn: unknown, thisArg: unknown, args: unknown[]): unknown;
  /** callScript for event handlers: a rejected promise fails the iteration like a thrown error. */
  callHandler(fn: unknown, thisArg: unknown, args: unknown[]): void;
}

/** Marks the error exec.test.abort() throws so it is not reported as a script error. */
export const TEST_ABORTED = Symbol('swaglab.testAborted');
