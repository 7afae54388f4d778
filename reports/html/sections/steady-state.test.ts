import { describe, expect, it } from 'vitest';
import { sampleResults } from '../../testdata/sample-results.ts';
import { withWaterfall } from '../../testdata/waterfall-results.ts';
import { renderReport } from '../render-report.ts';
import { renderSteadyState } from './steady-state.ts';

describe('renderSteadyState', () => {
  const results = withWaterfall(sampleResults());

  it('sets each steady-state figure beside its whole-run one', () => {
    const out = renderSteadyState(results).value;
    expect(out).toContain('The first 30 s of the test are warm-up');
    // Whole-run cross p99 251.4 ms vs steady 48.8 ms (testdata).
    expect(out).toContain(
      '<th scope="row"><code>swag_broadcast_latency{path:cross}</code></th><td>22.7 ms</td><td>9.6 ms</td><td>104.9 ms</td><td>30.2 ms</td><td>251.4 ms</td><td>48.8 ms</td>',
    );
    expect(out).toContain('<code>swag_broadcast_latency{path:same}</code>');
  });

  it('marks a steady-state row whose threshold failed', () => {
    const failing = withWaterfall(sampleResults());
    failing.summary.metrics['swag_broadcast_latency{path:cross,phase:steady}']!.thresholds = {
      'p(99)<40': { ok: false },
    };
    expect(renderSteadyState(failing).value).toMatch(
      /<tr class="fail"><th scope="row"><code>swag_broadcast_latency\{path:cross\}/,
    );
  });

  it('appears in the latency section and shades the warm-up on every time-series chart', () => {
    const page = renderReport(results);
    expect(page.indexOf('id="steady-state"')).toBeGreaterThan(page.indexOf('id="latency"'));
    expect(page.match(/<g class="warmup band">/g)).toHaveLength(results.series.length);
  });

  it('is absent without a warm-up window', () => {
    expect(renderSteadyState(sampleResults()).value).toBe('');
    expect(renderReport(sampleResults())).not.toContain('warmup band');
  });
});
