import { describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../clock.ts';
import type { IterationOutcome } from '../script/vu.ts';
import type { ScenarioState } from '../script/vu-api.ts';
import { dueStarts, expectedStarts, totalStarts } from './arrival-rate.ts';
import { resolveScenarios } from './config.ts';
import type { ExecContext, IterVu } from './context.ts';
import { targetAt } from './ramping-vus.ts';
import { runExecutor } from './run-executor.ts';

/** A VU whose iterations just take `iterMs`; records what happened. */
class FakeVu implements IterVu {
  static nextId = 1;
  readonly id = FakeVu.nextId++;
  scenario: string | undefined;
  private wake: ((o: IterationOutcome) => void) | undefined;
  constructor(
    private readonly iterMs: number,
    private readonly log: Log,
  ) {}
  assign(s: ScenarioState | undefined) {
    this.scenario = s?.name;
  }
  iterate(): Promise<IterationOutcome> {
    this.log.concurrent++;
    this.log.maxConcurrent = Math.max(this.log.maxConcurrent, this.log.concurrent);
    return new Promise<IterationOutcome>((resolve) => {
      const timer = setTimeout(() => this.wake?.('done'), this.iterMs);
      this.wake = (o) => {
        clearTimeout(timer);
        this.wake = undefined;
        this.log.concurrent--;
        if (o === 'done') this.log.done++;
        else this.log.interrupted++;
        resolve(o);
      };
    });
  }
  interrupt() {
    this.wake?.('interrupted');
  }
}

interface Log {
  done: number;
  interrupted: number;
  concurrent: number;
  maxConcurrent: number;
  dropped: number;
  created: number;
}

/**
 * Node's timers count whole milliseconds on the loop's cached time, so a sleep can
 * end up to a millisecond before the sub-millisecond clock says it should.
 */
const earlyWakingClock: Clock = { ...systemClock, sleep: (ms, signal) => systemClock.sleep(ms - 1, signal) };

async function run(scenario: Record<string, unknown>, iterMs: number, clock: Clock = systemClock) {
  const log: Log = { done: 0, interrupted: 0, concurrent: 0, maxConcurrent: 0, dropped: 0, created: 0 };
  const stop = new AbortController();
  const ctx: ExecContext = {
    clock,
    acquire: () => {
      log.created++;
      return new FakeVu(iterMs, log);
    },
    release: () => {},
    setupJson: undefined,
    stop: stop.signal,
    activeDelta: () => {},
    onDropped: () => log.dropped++,
  };
  const [cfg] = resolveScenarios({ scenarios: { s: scenario } });
  const t0 = Date.now();
  await runExecutor(cfg!, ctx, clock.now());
  return { ...log, elapsed: Date.now() - t0 };
}

describe('scenario config', () => {
  it('maps shortcuts like k6 does', () => {
    expect(resolveScenarios({})[0]).toMatchObject({
      name: 'default',
      executor: 'shared-iterations',
      vus: 1,
      iterations: 1,
    });
    expect(resolveScenarios({ vus: 5, duration: '10s' })[0]).toMatchObject({
      executor: 'constant-vus',
      vus: 5,
      durationMs: 10_000,
    });
    expect(resolveScenarios({ vus: 2, iterations: 7 })[0]).toMatchObject({
      executor: 'shared-iterations',
      iterations: 7,
    });
    expect(resolveScenarios({ stages: [{ duration: '1s', target: 3 }] })[0]).toMatchObject({ executor: 'ramping-vus' });
  });
  it('lets duration/iterations overrides replace scenarios', () => {
    const cfgs = resolveScenarios(
      { scenarios: { a: { executor: 'constant-vus', duration: '1m' } } },
      { vus: 3, duration: '2s' },
    );
    expect(cfgs).toHaveLength(1);
    expect(cfgs[0]).toMatchObject({ name: 'default', executor: 'constant-vus', vus: 3, durationMs: 2000 });
  });
  it('does not push --vus into defined scenarios, as k6 does', () => {
    const cfgs = resolveScenarios(
      { scenarios: { a: { executor: 'constant-vus', vus: 2, duration: '1m' } } },
      { vus: 9 },
    );
    expect(cfgs[0]).toMatchObject({ name: 'a', vus: 2 });
  });
  it('rejects shared-iterations with fewer iterations than VUs', () => {
    expect(() =>
      resolveScenarios({ scenarios: { a: { executor: 'shared-iterations', vus: 5, iterations: 2 } } }),
    ).toThrow("the number of iterations (2) can't be less than the number of VUs (5)");
    expect(() => resolveScenarios({ vus: 3 })).toThrow(/iterations \(1\) can't be less than the number of VUs \(3\)/);
  });
  it('rejects unknown executors and missing fields with exit code 104', () => {
    expect(() => resolveScenarios({ scenarios: { a: { executor: 'externally-controlled' } } })).toThrow(
      /externally-controlled executor is not supported/,
    );
    expect(() => resolveScenarios({ scenarios: { a: { executor: 'nope' } } })).toThrow(/unsupported executor "nope"/);
    let error: unknown;
    try {
      resolveScenarios({ scenarios: { a: { executor: 'constant-vus' } } });
    } catch (e) {
      error = e;
    }
    // Outside the catch, so the test fails if nothing was thrown.
    expect(error).toMatchObject({ message: expect.stringMatching(/"duration" is required/), exitCode: 104 });
  });
});

describe('rate/stage math', () => {
  it('interpolates ramping targets', () => {
    const stages = [
      { durationMs: 1000, target: 10 },
      { durationMs: 1000, target: 0 },
    ];
    expect(targetAt(0, stages, 0)).toBe(0);
    expect(targetAt(0, stages, 500)).toBe(5);
    expect(targetAt(0, stages, 1500)).toBe(5);
    expect(targetAt(0, stages, 5000)).toBe(0);
  });
  it('integrates arrival rates', () => {
    expect(expectedStarts(10, [{ durationMs: 2000, target: 10 }], 1000, 1000)).toBeCloseTo(10);
    expect(expectedStarts(0, [{ durationMs: 1000, target: 10 }], 1000, 1000)).toBeCloseTo(5);
  });
  it('starts the first arrival-rate iteration at t=0 when the rate is above zero', () => {
    const constant = [{ durationMs: 1000, target: 2 }];
    expect(dueStarts(2, constant, 1000, 0)).toBe(1);
    expect(dueStarts(2, constant, 1000, 499)).toBe(1);
    expect(dueStarts(2, constant, 1000, 500)).toBe(2);
    expect(dueStarts(0, [{ durationMs: 1000, target: 10 }], 1000, 0)).toBe(0);
  });
  it('counts the starts strictly before the end', () => {
    expect(totalStarts(20, [{ durationMs: 1000, target: 20 }], 1000)).toBe(20); // t = 0, 50 … 950 ms
    expect(totalStarts(3, [{ durationMs: 500, target: 3 }], 1000)).toBe(2); // t = 0, 333 ms
    expect(totalStarts(0, [{ durationMs: 1000, target: 40 }], 1000)).toBe(19); // integral 20 reached at the end itself
  });
});

describe('executors (real time, small durations)', () => {
  it('constant-vus keeps N VUs busy for the duration', async () => {
    const r = await run({ executor: 'constant-vus', vus: 3, duration: '300ms' }, 50);
    expect(r.maxConcurrent).toBe(3);
    expect(r.done).toBeGreaterThanOrEqual(9); // ideal 18; loose because CI machines are slow and shared
    expect(r.done).toBeLessThanOrEqual(21);
    expect(r.elapsed).toBeLessThan(600);
  });
  it('per-vu-iterations runs exactly vus × iterations', async () => {
    const r = await run({ executor: 'per-vu-iterations', vus: 2, iterations: 3 }, 10);
    expect(r.done).toBe(6);
  });
  it('shared-iterations shares one budget', async () => {
    const r = await run({ executor: 'shared-iterations', vus: 3, iterations: 10 }, 10);
    expect(r.done).toBe(10);
  });
  it('interrupts iterations that outlive gracefulStop', async () => {
    const r = await run({ executor: 'constant-vus', vus: 2, duration: '100ms', gracefulStop: '50ms' }, 5000);
    expect(r.interrupted).toBe(2);
    expect(r.elapsed).toBeLessThan(500);
  });
  it('starts no iteration after the hard stop, even when its timer fires a hair early', async () => {
    const r = await run(
      { executor: 'constant-vus', vus: 2, duration: '100ms', gracefulStop: '0s' },
      300,
      earlyWakingClock,
    );
    expect(r.interrupted).toBe(2);
    expect(r.done).toBe(0);
    expect(r.elapsed).toBeLessThan(250);
  });
  it('constant-arrival-rate starts its last scheduled iterations when the last tick comes early', async () => {
    const r = await run(
      { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '100ms', preAllocatedVUs: 10 },
      5,
      earlyWakingClock,
    );
    expect(r.done).toBe(10);
  });
  it('honours startTime', async () => {
    const r = await run({ executor: 'per-vu-iterations', vus: 1, iterations: 1, startTime: '150ms' }, 10);
    expect(r.elapsed).toBeGreaterThanOrEqual(140);
  });
  it('ramping-vus follows its stages', async () => {
    const r = await run(
      {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '300ms', target: 4 },
          { duration: '100ms', target: 4 },
        ],
      },
      20,
    );
    expect(r.maxConcurrent).toBe(4);
    expect(r.done).toBeGreaterThan(10);
    expect(r.elapsed).toBeLessThan(800);
  });
  it('constant-arrival-rate starts iterations on schedule and drops when out of VUs', async () => {
    const r = await run(
      { executor: 'constant-arrival-rate', rate: 50, timeUnit: '1s', duration: '400ms', preAllocatedVUs: 2, maxVUs: 2 },
      10,
    );
    expect(r.done + r.dropped).toBe(20); // 50/s for 400 ms, whatever the scheduler's last tick
    const slow = await run(
      {
        executor: 'constant-arrival-rate',
        rate: 50,
        timeUnit: '1s',
        duration: '200ms',
        preAllocatedVUs: 1,
        maxVUs: 2,
        gracefulStop: '0s',
      },
      1000,
    );
    expect(slow.created).toBe(2);
    expect(slow.dropped).toBeGreaterThan(5);
  });
});
