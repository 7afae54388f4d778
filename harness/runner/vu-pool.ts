import type { CompiledScript } from './script/bundle.ts';
import type { RunServices } from './script/vu-api.ts';
import { Vu } from './script/vu.ts';

/**
 * Initialized VUs. Like k6, VUs are initialized up front (vus_max) and
 * scenarios borrow them; arrival-rate executors may initialize more mid-test.
 * VU ids start at 1; VU 0 is the one that ran setup/teardown.
 */
export class VuPool {
  private readonly idle: Vu[] = [];
  private readonly all: Vu[] = [];
  private readonly compiled: CompiledScript;
  private readonly services: RunServices;

  constructor(compiled: CompiledScript, services: RunServices) {
    this.compiled = compiled;
    this.services = services;
  }

  get size(): number {
    return this.all.length;
  }

  preallocate(n: number): void {
    while (this.all.length < n) this.idle.push(this.create());
  }

  acquire(): Vu {
    return this.idle.pop() ?? this.create();
  }

  release(vu: Vu): void {
    this.idle.push(vu);
  }

  interruptAll(): void {
    for (const vu of this.all) vu.interrupt();
  }

  private create(): Vu {
    const vu = new Vu(this.all.length + 1, this.compiled, this.services);
    this.all.push(vu);
    return vu;
  }
}
