import { describe, expect, it } from 'vitest';
import { runVerdict, thresholdOutcomes, thresholdStatistic } from './thresholds.ts';
import { sampleResults } from './testdata/sample-results.ts';

describe('thresholdStatistic', () => {
  it.each([
    ['p(95)<500', 'p(95)'],
    ['p( 99.9 ) <= 20', 'p(99.9)'],
    ['rate>0.99', 'rate'],
    ['count >= 100', 'count'],
    ['avg<200', 'avg'],
  ])('%s tests %s', (expression, statistic) => {
    expect(thresholdStatistic(expression)).toBe(statistic);
  });

  it('gives up on expressions it does not understand', () => {
    expect(thresholdStatistic('something odd')).toBeUndefined();
  });
});

describe('thresholdOutcomes', () => {
  it('lists failures first with their observed statistic', () => {
    const outcomes = thresholdOutcomes(sampleResults());
    expect(outcomes).toHaveLength(3);
    expect(outcomes[0]).toMatchObject({
      metric: 'swag_broadcast_latency{path:cross}',
      expression: 'p(95)<80',
      ok: false,
      statistic: 'p(95)',
      observed: 104.9,
    });
    expect(outcomes.slice(1).every((o) => o.ok)).toBe(true);
  });

  it('matches p(95.0) in an expression to p(95) in the summary', () => {
    const results = sampleResults();
    results.summary.metrics['ws_connecting']!.thresholds = { 'p(95.0)<10': { ok: true } };
    expect(thresholdOutcomes(results).find((o) => o.metric === 'ws_connecting')?.observed).toBe(8.8);
  });
});

describe('runVerdict', () => {
  it('fails when a threshold failed', () => {
    expect(runVerdict(sampleResults())).toEqual({ passed: false, failedThresholds: 1, totalThresholds: 3 });
  });

  it('passes when every threshold held and the runner exited 0', () => {
    const results = sampleResults();
    results.summary.metrics['swag_broadcast_latency{path:cross}']!.thresholds = { 'p(95)<200': { ok: true } };
    results.exitCode = 0;
    expect(runVerdict(results).passed).toBe(true);
  });

  it('fails on a runner error even when thresholds held', () => {
    const results = sampleResults();
    results.summary.metrics['swag_broadcast_latency{path:cross}']!.thresholds = { 'p(95)<200': { ok: true } };
    results.exitCode = 107;
    expect(runVerdict(results)).toMatchObject({ passed: false, runnerError: 'runner exited with code 107' });
  });
});
