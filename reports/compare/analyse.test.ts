import { describe, expect, it } from 'vitest';
import { sampleResults } from '../testdata/sample-results.ts';
import type { RunResults } from '../results.ts';
import { compareRuns } from './analyse.ts';

function run(bus: 'redis' | 'nats', crossP99: number, id: string): RunResults {
  const base = sampleResults();
  return {
    ...base,
    runId: id,
    settings: { ...base.settings, bus, scenario: 'cross-node-latency', replicas: 3, env: { VUS: '8', RUN_ID: id } },
    summary: {
      ...base.summary,
      metrics: {
        'swag_broadcast_latency{path:cross}': { type: 'trend', contains: 'time', values: { count: 100, min: 1, max: crossP99 + 5, med: crossP99 / 3, 'p(99)': crossP99 } },
      },
    },
  };
}

describe('compareRuns', () => {
  it('groups by what was held equal (RUN_ID aside) and calls overlapping repeats noise', () => {
    const [group] = compareRuns([run('redis', 20, 'a'), run('redis', 26, 'b'), run('nats', 22, 'c'), run('nats', 24, 'd')]);
    const p99 = group!.measures.find((m) => m.measure.id === 'cross-p99')!;
    expect(group!.runIds).toEqual({ redis: ['a', 'b'], nats: ['c', 'd'] });
    expect(p99.verdict).toBe('within-noise');
    expect(p99.ratio!.value).toBeCloseTo(1, 5);
    expect(p99.sentence).toMatch(/within noise/);
  });

  it('claims a difference only when every repeat is on one side', () => {
    const [group] = compareRuns([run('redis', 40, 'a'), run('redis', 44, 'b'), run('nats', 20, 'c'), run('nats', 22, 'd')]);
    const p99 = group!.measures.find((m) => m.measure.id === 'cross-p99')!;
    expect(p99.verdict).toBe('nats-lower');
    expect(p99.ratio!.value).toBeCloseTo(0.5, 2);
  });

  it('draws no conclusion from single runs or from one bus', () => {
    expect(compareRuns([run('redis', 40, 'a'), run('nats', 20, 'c')])[0]!.measures[0]!.verdict).toBe('not-enough-runs');
    expect(compareRuns([run('redis', 40, 'a')])[0]!.measures[0]!.verdict).toBe('one-bus-only');
  });
});
