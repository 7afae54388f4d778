import { describe, expect, it } from 'vitest';
import { parseMetricName } from './metric-name.ts';

describe('parseMetricName', () => {
  it('splits a submetric into base and tags', () => {
    expect(parseMetricName('swag_broadcast_latency{path:cross,scenario:x}')).toEqual({
      full: 'swag_broadcast_latency{path:cross,scenario:x}',
      base: 'swag_broadcast_latency',
      tags: { path: 'cross', scenario: 'x' },
    });
  });
  it('leaves a plain metric alone', () => {
    expect(parseMetricName('vus')).toEqual({ full: 'vus', base: 'vus', tags: {} });
  });
});
