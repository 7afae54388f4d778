import { describe, expect, it } from 'vitest';
import { MetricRegistry } from '../metrics/registry.ts';
import { bindThresholds, compare, evaluateThresholds } from './evaluate.ts';
import { parseThresholdExpression, parseThresholds } from './parse.ts';

describe('threshold parsing', () => {
  it('parses aggregations, operators and numbers', () => {
    expect(parseThresholdExpression('p(99)<50', 'x')).toMatchObject({ stat: 'p(99)', op: '<', value: 50 });
    expect(parseThresholdExpression(' p(99.9) >= 1.5e2 ', 'x')).toMatchObject({
      stat: 'p(99.9)',
      op: '>=',
      value: 150,
    });
    expect(parseThresholdExpression('rate!=0', 'x')).toMatchObject({ stat: 'rate', op: '!=' });
    expect(parseThresholdExpression('count===3', 'x')).toMatchObject({ op: '===' });
  });
  it('gives a clear error for malformed expressions', () => {
    expect(() => parseThresholdExpression('p(99<50', 'x')).toThrow(
      'invalid threshold "p(99<50" for metric "x"; expected e.g. "p(95)<200", "rate<0.01"',
    );
    expect(() => parseThresholdExpression('p(150)<5', 'x')).toThrow(/percentile must be 0-100/);
  });
  it('accepts object form with abortOnFail and delayAbortEval, and tag-filtered keys', () => {
    const parsed = parseThresholds({
      checks: [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: '10s' }],
      'latency{path:cross, kind:"move"}': ['p(95)<200'],
    });
    expect(parsed[0]?.thresholds[0]).toMatchObject({ abortOnFail: true, delayAbortEvalMs: 10_000 });
    expect(parsed[1]).toMatchObject({ metric: 'latency', filter: { path: 'cross', kind: 'move' } });
  });
  it('rejects non-expression values', () => {
    expect(() => parseThresholds({ checks: [42] })).toThrow(/invalid threshold "42" for metric "checks"/);
  });
});

describe('threshold evaluation', () => {
  it('compares with every documented operator', () => {
    expect(compare(1, '<', 2) && compare(2, '<=', 2) && compare(3, '>', 2) && compare(2, '>=', 2)).toBe(true);
    expect(compare(2, '==', 2) && compare(2, '===', 2) && compare(1, '!=', 2)).toBe(true);
  });
  it('evaluates trend percentiles, rates and submetrics', () => {
    const reg = new MetricRegistry();
    reg.define('latency', 'trend', 'time');
    const list = parseThresholds({
      latency: ['p(90)<50', 'max<1000'],
      'latency{path:cross}': ['avg<10'],
      checks: ['rate>0.5'],
    });
    bindThresholds(list, reg);
    for (let i = 1; i <= 100; i++) reg.add('latency', i, { path: i % 2 ? 'cross' : 'local' });
    reg.add('checks', 1, {});
    const byExpr = Object.fromEntries(evaluateThresholds(list, reg, 1000).map((r) => [`${r.key} ${r.source}`, r.ok]));
    expect(byExpr).toEqual({
      'latency p(90)<50': false,
      'latency max<1000': true,
      'latency{path:cross} avg<10': false,
      'checks rate>0.5': true,
    });
  });
  it('rejects unknown metrics and stats that do not fit the metric type', () => {
    const reg = new MetricRegistry();
    expect(() => bindThresholds(parseThresholds({ nope: ['rate<1'] }), reg)).toThrow(/no metric named "nope"/);
    expect(() => bindThresholds(parseThresholds({ checks: ['p(95)<1'] }), reg)).toThrow(
      /does not apply to a rate metric/,
    );
    expect(() => bindThresholds(parseThresholds({ iteration_duration: ['count>0'] }), reg)).toThrow(
      /"count" does not apply to a trend metric/,
    );
    expect(() => bindThresholds(parseThresholds({ vus: ['max<10'] }), reg)).toThrow(/does not apply to a gauge metric/);
  });
  it('judges metrics without samples on their empty aggregates, as k6 does since v0.38', () => {
    const reg = new MetricRegistry();
    reg.define('cross_delivered', 'counter');
    const list = parseThresholds({
      cross_delivered: ['count>0'],
      'cross_delivered{path:x}': ['count<1'],
      checks: ['rate>0.99', 'rate<0.01'],
      ws_connecting: ['p(95)<500'],
    });
    bindThresholds(list, reg);
    const byExpr = Object.fromEntries(evaluateThresholds(list, reg, 1000).map((r) => [`${r.key} ${r.source}`, r.ok]));
    expect(byExpr).toEqual({
      'cross_delivered count>0': false,
      'cross_delivered{path:x} count<1': true,
      'checks rate>0.99': false,
      'checks rate<0.01': true,
      'ws_connecting p(95)<500': true,
    });
  });
});
