// The capacity scenario against a real lab: per-step figures reach the
// summary, the knee lands in results.json, and a run that ends on a broken step
// breaks there (BREAKS_TO_STOP is 2, but no step comes after 3,000 writes/s). Slow (one lab): `vitest run harness/run/e2e/capacity`.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run-scenario.ts';
import { loadSuitesFile } from '../suites-file.ts';

describe('capacity end to end', () => {
  it('finds a knee: low steps hold, and the run ends on its broken step', async () => {
    const defaults = loadSuitesFile().scenarios.capacity!;
    const { results } = await runScenario({
      scenario: 'capacity',
      lab: { replicas: 2, serverEnv: defaults.serverEnv ?? {} },
      // A lenient SLO, so only overload can break a step; 3,000 writes/s is far past one board's ceiling today.
      env: {
        RATES: '5,10,3000',
        STEP_S: '2',
        WARMUP_S: '1',
        WRITERS: '2',
        READERS: '2',
        ACK_P99_MS: '5000',
        CROSS_P99_MS: '5000',
      },
      quiet: true,
    });
    const knee = results.knee!;
    expect(knee.stepSeconds).toBe(2);
    expect(knee.steps.slice(0, 2).map((s) => [s.step, s.offeredWritesPerS, s.held])).toEqual([
      [1, 5, true],
      [2, 10, true],
    ]);
    const first = knee.steps[0]!;
    expect(first.sentWrites).toBe(10);
    expect(first.ackedWritesPerS).toBeCloseTo(5, 5);
    // Every write reaches all 4 sessions (writers read too).
    expect(first.subscribers).toBe(4);
    expect(first.deliveriesPerS).toBeCloseTo(20, 5);
    expect(first.ackP99Ms).toBeGreaterThan(0);
    // Each step is costed on its own window of the lab's CPU timeline (net of idle, so small steps may read near 0).
    expect(Number.isFinite(first.cost?.perDelivery.totalMs)).toBe(true);
    expect(knee.cost?.scope).toBe('step');
    expect(knee.held!.step).toBeGreaterThanOrEqual(2);
    expect(knee.breaksToStop).toBe(2);
    if (knee.brokeAt) {
      expect(knee.steps.at(-1)!.step).toBe(knee.brokeAt.step);
      expect(knee.brokeAt.reasons.length).toBeGreaterThan(0);
    }
    expect(results.exitCode).toBe(0);
  }, 240_000);
});
