import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../run-script.ts';
import type { Sample } from '../types.ts';

const script = join(import.meta.dirname, '..', 'testdata', 'segmented.js');
const run = (executionSegment?: string, executionSegmentSequence?: string) =>
  runScript({
    scriptPath: script,
    quiet: true,
    keepSamples: true,
    executionSegment,
    executionSegmentSequence,
    onLog: () => {},
  });

/** Per scenario: how many iterations started, and their exec.scenario.iterationInTest values. */
function started(samples: Sample[] | undefined) {
  const by: Record<string, number[]> = {};
  for (const s of samples ?? [])
    if (s.metric === 'started') (by[s.tags.scenario!] ??= []).push(Number(s.tags.iteration));
  return by;
}

function peakVus(samples: Sample[] | undefined, scenario: string): number {
  return new Set(
    (samples ?? []).filter((s) => s.metric === 'started' && s.tags.scenario === scenario).map((s) => s.tags.vu),
  ).size;
}

describe('execution segments through runScript', () => {
  it('two halves run exactly the whole test: same iterations, disjoint iterationInTest, VUs split', async () => {
    const sequence = '0,1/2,1';
    const [whole, first, second] = await Promise.all([run(), run('0:1/2', sequence), run('1/2:1', sequence)]);
    for (const o of [whole, first, second]) expect(o.exitCode).toBe(0);
    const [w, a, b] = [started(whole.samples), started(first.samples), started(second.samples)];

    for (const scenario of ['shared', 'pervu']) {
      expect(a[scenario]!.length + b[scenario]!.length).toBe(w[scenario]!.length);
      const union = [...a[scenario]!, ...b[scenario]!].sort((x, y) => x - y);
      expect(union).toEqual([...w[scenario]!].sort((x, y) => x - y));
    }
    expect(w.shared).toHaveLength(11);
    expect(w.pervu).toHaveLength(10);
    // 5 VUs: 3 + 2; each per-vu VU still does its 2 iterations.
    expect([peakVus(first.samples, 'pervu'), peakVus(second.samples, 'pervu')]).toEqual([3, 2]);
    expect(a.pervu).toHaveLength(6);
    expect([peakVus(first.samples, 'constant'), peakVus(second.samples, 'constant')]).toEqual([3, 2]);
    // Arrival rates: start k of the test goes to half k mod 2, and every start the schedule makes before the
    // end is made (those due after the scheduler's last tick too) — exactly, whatever the timing.
    for (const scenario of ['rate', 'ramprate']) {
      expect(a[scenario]!.every((k) => k % 2 === 0)).toBe(true);
      expect(b[scenario]!.every((k) => k % 2 === 1)).toBe(true);
      expect(new Set([...a[scenario]!, ...b[scenario]!]).size).toBe(a[scenario]!.length + b[scenario]!.length);
      expect(a[scenario]!.length + b[scenario]!.length).toBe(w[scenario]!.length);
    }
    // ramping-vus to 4: each half ramps to 2.
    expect([peakVus(whole.samples, 'ramp'), peakVus(first.samples, 'ramp'), peakVus(second.samples, 'ramp')]).toEqual([
      4, 2, 2,
    ]);
    expect(w.rate).toHaveLength(20); // 20/s for 1 s: t = 0, 50 … 950 ms
    expect(w.ramprate).toHaveLength(19); // 0 → 40/s over 1 s: the 20th would start at the end itself
  });

  it('takes the segment from the script options, lets the flag win, and rejects a bad one with exit 104', async () => {
    const fromOptions = (executionSegment?: string) =>
      runScript({
        scriptPath: join(import.meta.dirname, '..', 'testdata', 'segment-option.js'),
        quiet: true,
        executionSegment,
        onLog: () => {},
      });
    expect((await fromOptions()).summary.metrics.iterations?.values.count).toBe(3); // 0:1/4 of 12
    expect((await fromOptions('1/4:1')).summary.metrics.iterations?.values.count).toBe(9);
    const bad = await run('1/3:1/2', '0,1/3,2/3,1');
    expect(bad.exitCode).toBe(104);
    expect(bad.error).toMatch(/one of the steps of the sequence/);
  });

  it('takes --execution-segment and --execution-segment-sequence on the runner CLI (and accepts --tag)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-cli-'));
    try {
      const exportPath = join(dir, 'summary.json');
      const cli = join(import.meta.dirname, '..', 'cli.ts');
      const args = [
        '--import',
        import.meta.resolve('tsx'),
        cli,
        'run',
        join(import.meta.dirname, '..', 'testdata', 'segment-option.js'),
        '-q',
      ];
      execFileSync(
        process.execPath,
        [
          ...args,
          '--execution-segment',
          '1/2:3/4',
          '--execution-segment-sequence',
          '0,1/4,1/2,3/4,1',
          '--tag',
          'instance=3',
          '--summary-export',
          exportPath,
        ],
        { stdio: 'pipe' },
      );
      const summary = JSON.parse(readFileSync(exportPath, 'utf8')) as {
        metrics: Record<string, { values: Record<string, number> }>;
      };
      expect(summary.metrics.iterations!.values.count).toBe(3); // a quarter of 4 VUs × 12 shared iterations
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
