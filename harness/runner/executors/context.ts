import type { Clock } from '../../clock.ts';
import type { IterationOutcome } from '../script/vu.ts';
import type { ScenarioState } from '../script/vu-api.ts';
import type { ScenarioConfig } from './config.ts';

/** The part of a VU executors drive; tests substitute fakes. */
export interface IterVu {
  readonly id: number;
  assign(scenario: ScenarioState | undefined): void;
  iterate(execName: string, setupJson: string | undefined): Promise<IterationOutcome>;
  interrupt(): void;
}

export interface ExecContext {
  clock: Clock;
  /** Takes an initialized idle VU (initializing a new one if none is idle). */
  acquire(): IterVu;
  release(vu: IterVu): void;
  setupJson: string | undefined;
  /** Test-wide stop (abort, threshold abortOnFail, signal): interrupt now. */
  stop: AbortSignal;
  /** Change in the number of VUs actively running iterations. */
  activeDelta(delta: number): void;
  onDropped(scenario: ScenarioState): void;
}

export interface ScenarioRun {
  cfg: ScenarioConfig;
  state: ScenarioState;
  ctx: ExecContext;
  /** Set at the scenario's hard stop (scheduled end + gracefulStop): from then on no iteration starts. */
  hardStopped?: boolean;
}

/**
 * Runs iterations on one VU while `more()` allows, counting it as active.
 * Stops early when the test stops.
 */
export async function iterateWhile(run: ScenarioRun, vu: IterVu, more: () => boolean): Promise<void> {
  run.ctx.activeDelta(1);
  try {
    while (!run.ctx.stop.aborted && !run.hardStopped && more()) {
      await vu.iterate(run.cfg.exec, run.ctx.setupJson);
      // A synchronous iteration settles through microtasks only; without this
      // turn of the event loop a sleep-less script would starve timers, sockets
      // and abort signals for the whole scenario.
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    run.ctx.activeDelta(-1);
  }
}

/**
 * Waits for workers until `hardStopAt` (scheduled end + gracefulStop) or a
 * test-wide stop, then interrupts the VUs still busy and waits for them to
 * wind down. This is what bounds every scenario in time.
 */
export async function joinWithDeadline(
  run: ScenarioRun,
  workers: Array<Promise<unknown>>,
  vus: () => IterVu[],
  hardStopAt: number,
): Promise<void> {
  const { clock, stop } = run.ctx;
  const all = Promise.allSettled(workers);
  let finished = false;
  void all.then(() => (finished = true));
  const giveUp = new AbortController();
  const onStop = () => giveUp.abort();
  stop.addEventListener('abort', onStop, { once: true });
  try {
    await Promise.race([all, sleepPast(clock, hardStopAt, giveUp.signal)]);
    run.hardStopped = true;
    if (!finished) {
      for (const vu of vus()) vu.interrupt();
      await all;
    }
  } finally {
    giveUp.abort();
    stop.removeEventListener('abort', onStop);
  }
}

/**
 * Sleeps until the clock reads `time` or later. Node's timers count whole
 * milliseconds on the loop's cached time, so one sleep can end a hair before the
 * sub-millisecond clock reaches its target; an executor then still sees time left.
 */
async function sleepPast(clock: Clock, time: number, signal: AbortSignal): Promise<void> {
  for (let left = time - clock.now(); left > 0 && !signal.aborted; left = time - clock.now()) {
    await clock.sleep(Math.max(1, left), signal);
  }
}
