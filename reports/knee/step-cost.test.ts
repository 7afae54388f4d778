import { describe, expect, it } from 'vitest';
import { stepCost } from './step-cost.ts';

describe('stepCost', () => {
  const timeline = [
    { atMs: 0, sutCpuSeconds: 0, labCpuSeconds: 0 },
    { atMs: 1000, sutCpuSeconds: 1, labCpuSeconds: 0.5 },
    { atMs: 2000, sutCpuSeconds: 3, labCpuSeconds: 1.5 },
  ];

  it('reads the step window off the timeline, between samples too, and charges it net of the idle rate', () => {
    // 500 → 1500 ms: sut 0.5 → 2 (1.5 CPU-s), lab 0.25 → 1 (0.75); idle 0.5 and 0.25 CPU-s per s over 1 s.
    const cost = stepCost(
      timeline,
      { sut: 0.5, lab: 0.25 },
      { startMs: 500, endMs: 1500, deliveries: 1000, writes: 10 },
    );
    expect(cost?.perDelivery).toEqual({ sutMs: 1, labMs: 0.5, totalMs: 1.5 });
    expect(cost?.perWrite).toEqual({ sutMs: 100, labMs: 50, totalMs: 150 });
  });

  it('gives nothing for a window the timeline does not cover, and zero per unit when there were no units', () => {
    expect(
      stepCost(timeline, { sut: 0, lab: 0 }, { startMs: 1500, endMs: 2500, deliveries: 1, writes: 1 }),
    ).toBeUndefined();
    expect(
      stepCost(timeline, { sut: 0, lab: 0 }, { startMs: 0, endMs: 1000, deliveries: 0, writes: 0 })?.perDelivery,
    ).toEqual({ sutMs: 0, labMs: 0, totalMs: 0 });
  });
});
