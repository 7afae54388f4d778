import { describe, expect, it } from 'vitest';
import { summariseProfile } from './cpu-profile-summary.ts';

describe('summariseProfile', () => {
  it('ranks functions by self time and gives each its share of all samples', () => {
    const frame = (functionName: string) => ({ functionName, url: 'file:///app/server/bus/fanout.ts', lineNumber: 9 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('deliver') },
        { id: 2, callFrame: frame('') },
      ],
      samples: [1, 2, 1, 1],
      timeDeltas: [100, 300, 100, 500],
    };
    const summary = summariseProfile(profile, 5);
    expect(summary.sampledSeconds).toBeCloseTo(0.001);
    expect(summary.top).toEqual([
      { share: 0.7, name: 'deliver server/bus/fanout.ts:10' },
      { share: 0.3, name: '(anonymous) server/bus/fanout.ts:10' },
    ]);
  });
});
