import { describe, expect, it } from 'vitest';
import { runSuite } from './run-suite.ts';

describe('runSuite', () => {
  it('refuses an unknown suite and an existing lab before it starts anything', async () => {
    await expect(runSuite('no-such-suite')).rejects.toThrow(/unknown suite "no-such-suite"; expected one of: .*ci/);
    await expect(runSuite('ci', { attachTo: 'lab-1' })).rejects.toThrow(
      /starts a lab per run.*--lab runs a single scenario/,
    );
  });
});
