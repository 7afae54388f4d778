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
        'swag_broadcast_latency{path:cross}': {
          type: 'trend',
          contains: 'time',
          values: { count: 100, min: 1, max: crossP99 + 5, med: crossP99 / 3, 'p(99)': crossP99 },
        },
      },
    },
  };
}

describe('compareRuns', () => {
  it('groups by what was held equal (RUN_ID aside) and calls overlapping repeats noise', () => {
    const [group] = compareRuns([
      run('redis', 20, 'a'),
      run('redis', 26, 'b'),
      run('nats', 22, 'c'),
      run('nats', 24, 'd'),
    ]);
    const p99 = group!.measures.find((m) => m.measure.id === 'cross-p99')!;
    expect(group!.runIds).toEqual({ redis: ['a', 'b'], nats: ['c', 'd'] });
    expect(p99.verdict).toBe('within-noise');
    expect(p99.ratio!.value).toBeCloseTo(1, 5);
    expect(p99.sentence).toMatch(/within noise/);
  });

  it('claims a difference only when every repeat is on one side', () => {
    const [group] = compareRuns([
      run('redis', 40, 'a'),
      run('redis', 44, 'b'),
      run('nats', 20, 'c'),
      run('nats', 22, 'd'),
    ]);
    const p99 = group!.measures.find((m) => m.measure.id === 'cross-p99')!;
    expect(p99.verdict).toBe('nats-lower');
    expect(p99.ratio!.value).toBeCloseTo(0.5, 2);
  });

  it('draws no conclusion from single runs or from one bus', () => {
    expect(compareRuns([run('redis', 40, 'a'), run('nats', 20, 'c')])[0]!.measures[0]!.verdict).toBe('not-enough-runs');
    expect(compareRuns([run('redis', 40, 'a')])[0]!.measures[0]!.verdict).toBe('one-bus-only');
  });
});

describe('compareRuns on the bus hop, the knee and the cost', () => {
  function capacityRun(
    bus: 'redis' | 'nats',
    id: string,
    figures: { busP99: number; kneeWrites: number | undefined; costMs: number },
  ): RunResults {
    const base = run(bus, 30, id);
    const knee: RunResults['knee'] = {
      slo: { ackP99Ms: 50, crossP99Ms: 100 },
      stepSeconds: 10,
      steps: [],
      ...(figures.kneeWrites === undefined
        ? {}
        : {
            held: {
              step: 3,
              offeredWritesPerS: figures.kneeWrites,
              ackedWritesPerS: figures.kneeWrites,
              deliveriesPerS: figures.kneeWrites * 28,
              subscribers: 28,
            },
          }),
    };
    return Object.assign(base, {
      knee,
      waterfall: {
        paths: [
          {
            path: 'cross',
            hops: [{ hop: 'bus_transit', p50Ms: figures.busP99 / 4, p99Ms: figures.busP99, count: 500 }],
          },
        ],
      },
      cost: {
        perDelivery: { sutMs: figures.costMs / 2, labMs: figures.costMs / 2, totalMs: figures.costMs },
        perWrite: { sutMs: 1, labMs: 1, totalMs: 2 },
      },
    });
  }
  const measure = (runs: RunResults[], id: string) => compareRuns(runs)[0]!.measures.find((m) => m.measure.id === id)!;

  const runs = [
    capacityRun('redis', 'a', { busP99: 0.9, kneeWrites: 150, costMs: 1.2 }),
    capacityRun('redis', 'b', { busP99: 1.1, kneeWrites: 101, costMs: 1.4 }),
    capacityRun('nats', 'c', { busP99: 2.0, kneeWrites: 228, costMs: 1.3 }),
    capacityRun('nats', 'd', { busP99: 2.4, kneeWrites: 342, costMs: 1.5 }),
  ];

  it('names the lower bus hop the winner when the repeats do not overlap', () => {
    const hop = measure(runs, 'bus-hop-p99');
    expect(hop.redis).toMatchObject({ n: 2, min: 0.9, max: 1.1 });
    expect([hop.verdict, hop.winner]).toEqual(['redis-lower', 'redis']);
    expect(hop.sentence).toMatch(/Redis was lower in every repeat .* so Redis wins here/);
  });

  it('counts a higher knee as better, and a first step that broke as 0 writes/s', () => {
    const knee = measure(runs, 'knee-writes');
    expect([knee.verdict, knee.winner]).toEqual(['nats-higher', 'nats']);
    expect(measure(runs, 'knee-deliveries').nats).toMatchObject({ min: 228 * 28, max: 342 * 28 });
    const broken = [capacityRun('redis', 'e', { busP99: 1, kneeWrites: undefined, costMs: 1 }), ...runs.slice(1)];
    expect(measure(broken, 'knee-writes').redis).toMatchObject({ min: 0, max: 101 });
  });

  it('says "within noise" for overlapping costs, and names no winner', () => {
    const cost = measure(runs, 'cost-per-delivery');
    expect([cost.verdict, cost.winner]).toEqual(['within-noise', undefined]);
    expect(cost.sentence).toMatch(
      /CPU per delivered event: NATS 1\.400 CPU-ms .* vs Redis 1\.300 CPU-ms .*within noise/,
    );
    expect(measure(runs, 'sut-cost-per-delivery').verdict).toBe('within-noise');
  });

  it('leaves out measures the runs did not record', () => {
    expect(compareRuns([run('redis', 20, 'a'), run('nats', 22, 'b')])[0]!.measures.map((m) => m.measure.id)).toEqual([
      'cross-p50',
      'cross-p99',
    ]);
  });
});
