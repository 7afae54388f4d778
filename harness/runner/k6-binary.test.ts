import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findK6, fromSummaryExport, runWithK6Binary } from './k6-binary.ts';

describe('k6 --summary-export conversion', () => {
  it('maps the legacy export (inverted threshold booleans, keyed groups) to SummaryData', () => {
    const data = fromSummaryExport(
      {
        metrics: {
          checks: { passes: 3, fails: 1, value: 0.75, thresholds: { 'rate>0.9': true } },
          http_req_duration: {
            avg: 10,
            min: 1,
            med: 9,
            max: 30,
            'p(90)': 20,
            'p(95)': 25,
            thresholds: { 'p(95)<100': false },
          },
          iterations: { count: 4, rate: 2 },
          vus: { value: 1, min: 1, max: 2 },
          data_received: { count: 100, rate: 50 },
        },
        root_group: {
          name: '',
          path: '',
          id: 'x',
          groups: { g: { name: 'g', path: '::g', id: 'y', groups: {}, checks: {} } },
          checks: { c: { name: 'c', path: '::c', id: 'z', passes: 3, fails: 1 } },
        },
      },
      2000,
    );
    expect(data.metrics.checks).toEqual({
      type: 'rate',
      contains: 'default',
      values: { rate: 0.75, passes: 3, fails: 1 },
      thresholds: { 'rate>0.9': { ok: false } },
    });
    expect(data.metrics.http_req_duration).toMatchObject({
      type: 'trend',
      contains: 'time',
      thresholds: { 'p(95)<100': { ok: true } },
    });
    expect(data.metrics.iterations?.type).toBe('counter');
    expect(data.metrics.vus?.type).toBe('gauge');
    expect(data.metrics.data_received?.contains).toBe('data');
    expect(data.root_group.groups[0]?.name).toBe('g');
    expect(data.root_group.checks[0]).toMatchObject({ name: 'c', passes: 3, fails: 1 });
    expect(data.state.testRunDurationMs).toBe(2000);
  });
});

describe('real k6 binary', () => {
  it.skipIf(!findK6())('runs a script and returns the same outcome shape', async () => {
    const outcome = await runWithK6Binary({
      scriptPath: join(import.meta.dirname, 'testdata', 'failing-threshold.js'),
      quiet: true,
    });
    expect(outcome.exitCode).toBe(99);
    expect(outcome.thresholdsFailed).toContain("checks 'rate>0.99'");
    expect(outcome.summary.metrics.iterations?.values.count).toBe(3);
  });
});
