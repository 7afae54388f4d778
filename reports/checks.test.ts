import { describe, expect, it } from 'vitest';
import { checkLabel, flattenChecks } from './checks.ts';
import { sampleResults } from './testdata/sample-results.ts';

describe('flattenChecks', () => {
  it('walks nested groups and keeps their path', () => {
    const checks = flattenChecks(sampleResults().summary.root_group);
    expect(checks.map(checkLabel)).toEqual([
      'broadcast delivered to every member',
      'card order consistent',
      'join board › ws upgraded (101)',
      'join board › snapshot received',
    ]);
  });
});
