import { describe, expect, it } from 'vitest';
import { scenarioResults } from '../../testdata/scenario-results.ts';
import { replicaBreakdown, slopePerSecond } from './per-replica.ts';

describe('per-replica breakdown', () => {
  it('fits memory slope by least squares', () => {
    expect(
      slopePerSecond([
        [0, 100],
        [1, 110],
        [2, 120],
        [3, 130],
      ]),
    ).toBeCloseTo(10, 9);
    expect(slopePerSecond([[0, 1]])).toBeUndefined();
  });

  it('gathers replica-tagged trends by replica', () => {
    const rows = replicaBreakdown(scenarioResults());
    const r1 = rows.find((r) => r.replica === 'replica-1');
    expect(r1?.trends.map((t) => t.base)).toEqual(['swag_broadcast_latency']);
  });
});
