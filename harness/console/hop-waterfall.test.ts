import { describe, expect, it } from 'vitest';
import { hopWaterfall } from './hop-waterfall.ts';

describe('hopWaterfall', () => {
  it('lays each hop latest p50 end to end in travel order, skipping hops without data', () => {
    const bars = hopWaterfall({
      id: 'hop-latency-p50',
      unit: 'seconds',
      x: [1, 2],
      series: [
        { label: 'bus_transit cross', values: [0.5, 0.25] },
        { label: 'receive_validate write', values: [0.001, null] },
        { label: 'release same', values: [9, 9] },
        { label: 'socket_first cross', values: [null, 0.002] },
      ],
    });
    expect(bars).toEqual([
      { hop: 'receive_validate', path: 'write', start: 0, seconds: 0.001 },
      { hop: 'bus_transit', path: 'cross', start: 0.001, seconds: 0.25 },
      { hop: 'socket_first', path: 'cross', start: 0.251, seconds: 0.002 },
    ]);
  });
});
