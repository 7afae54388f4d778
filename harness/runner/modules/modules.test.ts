import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../run-script.ts';

describe('k6/data, k6/encoding, k6/crypto and k6/execution in a script', () => {
  it('shares arrays read-only, sets VU tags per scenario, and counts iterations per instance', async () => {
    const logs: string[] = [];
    const outcome = await runScript({
      scriptPath: join(import.meta.dirname, '..', 'testdata', 'modules.js'),
      quiet: true,
      onLog: (l, m) => logs.push(`${l}: ${m}`),
    });
    expect(logs.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    const checks = outcome.summary.root_group.checks.map((c) => [c.name, c.passes, c.fails]);
    expect(checks).toEqual([
      ['shared array: length, index, for-of', 4, 0],
      ['shared array: elements are copies, writes throw', 4, 0],
      ['shared array: the function ran in one VU only', 4, 0],
      ['vu.tags: set, read back with system tags', 4, 0],
      ['encoding: k6 docs example', 4, 0],
      ['crypto: sha256 and hmac', 4, 0],
      ['vu.tags: cleared in a new scenario', 2, 0],
      ['vu.iterationInInstance counts across scenarios', 2, 0],
    ]);
    expect(outcome.summary.metrics['tagged{phase:warm}']?.values.count).toBe(4);
    expect(outcome.summary.metrics['tagged{phase:hot}']?.values.count).toBe(2);
  });
});
