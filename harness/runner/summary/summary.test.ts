import { describe, expect, it } from 'vitest';
import type { SummaryData } from '../../../reports/results.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import { bindThresholds, evaluateThresholds } from '../thresholds/evaluate.ts';
import { parseThresholds } from '../thresholds/parse.ts';
import { buildSummary } from './build-summary.ts';
import { GroupTree } from './group-tree.ts';
import { legacyTextSummary } from './legacy-summary.ts';
import { textSummary } from './text-summary.ts';

function sample(): SummaryData {
  const registry = new MetricRegistry();
  registry.define('move_latency', 'trend', 'time');
  const thresholds = parseThresholds({
    move_latency: ['p(99)<50'],
    'move_latency{path:cross}': ['avg<5'],
    checks: ['rate>0.9'],
  });
  bindThresholds(thresholds, registry);
  for (let i = 1; i <= 10; i++) registry.add('move_latency', i * 10, { path: i > 5 ? 'cross' : 'local' });
  registry.add('data_received', 2048, {});
  registry.add('checks', 1, {});
  registry.add('checks', 0, {});
  const groups = new GroupTree();
  groups.recordCheck('', 'connected', true);
  const inner = groups.enter('', 'board');
  groups.recordCheck(inner, 'move echoed', false);
  const results = evaluateThresholds(thresholds, registry, 2000);
  return buildSummary({
    registry,
    groups,
    thresholds,
    results,
    testRunDurationMs: 2000,
    isStdOutTTY: false,
    isStdErrTTY: false,
  });
}

describe('buildSummary', () => {
  it('produces SummaryData with k6-shaped metrics, submetrics and thresholds', () => {
    const data = sample();
    expect(Object.keys(data.metrics).sort()).toEqual([
      'checks',
      'data_received',
      'move_latency',
      'move_latency{path:cross}',
    ]);
    const latency = data.metrics.move_latency;
    expect(latency).toMatchObject({ type: 'trend', contains: 'time', thresholds: { 'p(99)<50': { ok: false } } });
    expect(Object.keys(latency?.values ?? {})).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']);
    expect(data.metrics['move_latency{path:cross}']?.values.avg).toBe(80);
    expect(data.metrics.checks?.values).toEqual({ rate: 0.5, passes: 1, fails: 1 });
    expect(data.metrics.data_received).toMatchObject({
      type: 'counter',
      contains: 'data',
      values: { count: 2048, rate: 1024 },
    });
    expect(data.options.summaryTrendStats).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
    expect(data.state.testRunDurationMs).toBe(2000);
  });
  it('reports the group tree with check counts and md5 ids', () => {
    const root = sample().root_group;
    expect(root).toMatchObject({
      name: '',
      path: '',
      checks: [{ name: 'connected', path: '::connected', passes: 1, fails: 0 }],
    });
    expect(root.groups[0]).toMatchObject({
      name: 'board',
      path: '::board',
      checks: [{ path: '::board::move echoed', fails: 1 }],
    });
    expect(root.id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('legacy text summary (--summary-mode legacy)', () => {
  it('renders checks, metrics and threshold marks', () => {
    const text = textSummary(sample(), { indent: ' ', enableColors: false, summaryMode: 'legacy' });
    expect(text).toBe(legacyTextSummary(sample(), { indent: ' ', enableColors: false }));
    expect(text).toContain('✓ connected');
    expect(text).toContain('█ board');
    expect(text).toMatch(/✗ move echoed\n\s+↳  0% — ✓ 0 \/ ✗ 1/);
    expect(text).toMatch(/✗ move_latency\.+: avg=55ms min=10ms/);
    expect(text).toMatch(/✗ checks\.+: 50\.00% ✓ 1 ✗ 1/);
    expect(text).toMatch(/data_received\.+: 2\.0 kB 1\.0 kB\/s/);
    expect(text).toContain("move_latency 'p(99)<50', move_latency{path:cross} 'avg<5' have been crossed");
    expect(text).not.toContain('\x1b[');
  });
  it('colours marks when asked', () => {
    expect(textSummary(sample(), { enableColors: true, summaryMode: 'legacy' })).toContain('\x1b[31m✗');
  });
});

describe('compact text summary (the default, as k6 v1+)', () => {
  it('lists thresholds with the judged value, check totals, the checks and metrics by category', () => {
    const text = textSummary(sample(), { indent: ' ', enableColors: false });
    expect(text).toContain("  █ THRESHOLDS\n\n    checks\n    ✗ 'rate>0.9' rate=50.00%\n");
    expect(text).toContain("    move_latency\n    ✗ 'p(99)<50' p(99)=99.1ms\n");
    expect(text).toContain("    move_latency{path:cross}\n    ✗ 'avg<5' avg=80ms\n");
    expect(text).toMatch(
      /█ TOTAL RESULTS\n\n {4}checks_total\.+: 2 +1\/s\n {4}checks_succeeded\.+: 50\.00% 1 out of 2\n {4}checks_failed\.+: 50\.00% 1 out of 2\n/,
    );
    expect(text).toMatch(/✓ connected\n {4}✗ move echoed\n {6}↳ {2}0% — ✓ 0 \/ ✗ 1/);
    expect(text).toMatch(/CUSTOM\n {4}move_latency\.+: avg=55ms +min=10ms/);
    expect(text).toMatch(/NETWORK\n {4}data_received\.+: 2\.0 kB 1\.0 kB\/s/);
    expect(text).not.toMatch(/^ +checks\.+:/m);
    expect(text).not.toContain('█ GROUP');
  });
  it('full mode adds a section per group with its checks and per scenario', () => {
    const text = textSummary(sample(), {
      enableColors: false,
      summaryMode: 'full',
      breakdown: {
        groups: {},
        scenarios: { writers: { iterations: { type: 'counter', contains: 'default', values: { count: 4, rate: 2 } } } },
      },
    });
    expect(text).toMatch(/█ GROUP: board\n\n {4}✗ move echoed/);
    expect(text).toMatch(/█ SCENARIO: writers\n\n {4}EXECUTION\n {4}iterations\.+: 4 2\/s/);
  });
  it('rejects unknown modes', () => {
    expect(() => textSummary(sample(), { summaryMode: 'tiny' as never })).toThrow(
      'invalid summary mode; expected one of compact, full, legacy, got "tiny"',
    );
  });
});
