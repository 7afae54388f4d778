import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatWithOptions } from 'node:util';
import vm from 'node:vm';
import type { Tags } from '../metrics/types.ts';
import { toArrayBuffer } from '../modules/bytes.ts';
import { createTimersModule } from '../modules/timers.ts';
import type { CompiledScript } from './bundle.ts';
import { createBridge, invokeAwaited } from './blocking-bridge.ts';
import { BRIDGE } from './blocking-transform.ts';
import { isThenable, VuLoop, type Settled } from './event-loop.ts';
import { instanceCounters } from './instance-counters.ts';
import { createRequire } from './modules.ts';
import { TEST_ABORTED, type LogLevel, type RunServices, type ScenarioState, type VuApi } from './vu-api.ts';

export type IterationOutcome = Settled | 'error';

/**
 * One virtual user: its own node:vm context (isolated globals), its own module
 * instances and its own event-loop bookkeeping. The init code runs once here,
 * in the constructor, exactly like k6 runs the init context per VU.
 */
export class Vu implements VuApi {
  readonly id: number;
  readonly loop = new VuLoop();
  readonly services: RunServices;
  readonly exports: Record<string, unknown>;
  inInit = true;
  groupPath = '';
  scenario: ScenarioState | undefined;
  iteration = 0;
  iterationInTest = 0;
  iterationInInstance = -1;
  customTags: Tags = {};
  customMetadata: Tags | undefined;
  awaiting = false;
  unawaitedCaller: string | undefined;

  private readonly sandbox: Record<string, unknown>;
  private readonly context: vm.Context;
  readonly realmArrayBuffer: ArrayBufferConstructor;
  private setupCopy: { json: string | undefined; value: unknown } | undefined;
  private initMisuse: Error | undefined;

  constructor(id: number, compiled: CompiledScript, services: RunServices) {
    this.id = id;
    this.services = services;
    const timers = createTimersModule(this);
    this.sandbox = {
      __VU: id,
      __ITER: 0,
      __ENV: { ...services.env },
      console: this.makeConsole(),
      ...timers,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      Blob,
      crypto: globalThis.crypto,
      [BRIDGE]: createBridge(this),
    };
    this.context = vm.createContext(this.sandbox, { name: `VU ${id}` });
    this.realmArrayBuffer = vm.runInContext('ArrayBuffer', this.context) as ArrayBufferConstructor;
    const module = { exports: {} as Record<string, unknown> };
    const scriptDir = dirname(compiled.path);
    const open = (path: string, mode?: string) => {
      if (!this.inInit) throw new Error('open() can only be called in the init context');
      const data = readFileSync(resolve(scriptDir, String(path)));
      return mode === 'b' ? toArrayBuffer(data, this.realmArrayBuffer) : data.toString('utf8');
    };
    const fn = compiled.script.runInContext(this.context) as (...args: unknown[]) => void;
    fn(module, module.exports, createRequire(this), open);
    if (this.initMisuse) throw this.initMisuse;
    this.exports = module.exports;
    this.inInit = false;
  }

  blockingMisuse(error: Error): void {
    if (this.inInit) this.initMisuse ??= error;
    else this.loop.failNow(error);
  }

  callScript(fn: unknown, thisArg: unknown, args: unknown[]): unknown {
    return invokeAwaited(this, fn, thisArg, args);
  }

  callHandler(fn: unknown, thisArg: unknown, args: unknown[]): void {
    const result = this.callScript(fn, thisArg, args);
    if (isThenable(result)) result.then(undefined, (e: unknown) => this.loop.failNow(e));
  }

  tags(extra?: Tags): Tags {
    const t: Tags = { ...this.services.globalTags(), ...this.scenario?.tags, ...this.customTags };
    if (this.groupPath) t.group = this.groupPath;
    return extra ? Object.assign(t, extra) : t;
  }

  emit(metric: string, value: number, tags?: Tags, time?: number): void {
    this.services.registry.add(metric, value, tags ?? this.tags(), time, this.customMetadata);
  }

  /** Enters a scenario: resets __ITER and sets the scenario's __ENV overlay. */
  assign(scenario: ScenarioState | undefined): void {
    this.scenario = scenario;
    this.iteration = 0;
    this.customTags = {};
    this.customMetadata = undefined;
    this.sandbox.__ENV = { ...this.services.env, ...scenario?.env };
  }

  /** Runs one iteration of `execName`; iteration metrics are emitted unless it was interrupted. */
  async iterate(execName: string, setupJson: string | undefined): Promise<IterationOutcome> {
    const fn = this.exports[execName];
    if (typeof fn !== 'function') throw new Error(`function "${execName}" is not exported by the script`);
    const data = this.setupData(setupJson);
    this.beginIteration();
    this.iterationInTest = this.scenario?.nextIterationInTest() ?? 0;
    this.iterationInInstance++;
    const start = this.services.clock.now();
    let outcome: IterationOutcome;
    try {
      outcome = await this.loop.settle(this.callScript(fn, undefined, [data]));
    } catch (e) {
      this.loop.interrupt();
      this.reportError(e);
      outcome = 'error';
    }
    const counters = instanceCounters(this.services);
    if (outcome === 'interrupted') counters.interrupted++;
    else counters.completed++;
    if (outcome !== 'interrupted') {
      const tags = this.tags();
      this.emit('iterations', 1, tags);
      this.emit('iteration_duration', this.services.clock.now() - start, tags);
    }
    this.iteration++;
    return outcome;
  }

  /** Runs setup/teardown/handleSummary: waits for its promise and pending work, bounded by timeoutMs. */
  async callLifecycle(name: string, arg: unknown, timeoutMs: number): Promise<{ value: unknown; timedOut: boolean }> {
    const fn = this.exports[name];
    if (typeof fn !== 'function') return { value: undefined, timedOut: false };
    this.beginIteration();
    const result = Promise.resolve(this.callScript(fn, undefined, [arg]));
    let cancelTimeout: (() => void) | undefined;
    const timeout = new Promise<'timeout'>(
      (r) => (cancelTimeout = this.services.clock.after(timeoutMs, () => r('timeout'))),
    );
    try {
      const settled = await Promise.race([this.loop.settle(result), timeout]);
      if (settled === 'timeout') {
        this.loop.interrupt();
        return { value: undefined, timedOut: true };
      }
      return { value: await result, timedOut: false };
    } finally {
      cancelTimeout?.();
    }
  }

  /** Interrupts whatever the VU is doing (sockets closed, timers cleared). */
  interrupt(): void {
    this.loop.interrupt();
  }

  /** JSON-roundtrips a value into this VU's realm (k6 gives each VU its own copy of setup data). */
  private setupData(json: string | undefined): unknown {
    let copy = this.setupCopy;
    if (copy?.json !== json) {
      const parse = vm.runInContext('JSON.parse', this.context) as (s: string) => unknown;
      copy = { json, value: json === undefined ? undefined : parse(json) };
      this.setupCopy = copy;
    }
    return copy?.value;
  }

  private beginIteration(): void {
    this.loop.begin();
    this.groupPath = '';
    this.sandbox.__ITER = this.iteration;
  }

  private reportError(e: unknown): void {
    if (e && typeof e === 'object' && TEST_ABORTED in e) return;
    const text = e instanceof Error ? (e.stack ?? e.message) : formatWithOptions({ depth: 3 }, e);
    this.services.log('error', text, { vu: this.id, ...(this.scenario ? { scenario: this.scenario.name } : {}) });
  }

  private makeConsole() {
    const out =
      (level: LogLevel) =>
      (...args: unknown[]) =>
        this.services.log(level, formatWithOptions({ depth: 4, breakLength: Infinity }, ...args), {
          source: 'console',
          vu: this.id,
        });
    return { log: out('info'), info: out('info'), debug: out('debug'), warn: out('warn'), error: out('error') };
  }
}
