import { describe, expect, it } from 'vitest';
import type { SummaryMetric, RunResults } from '../../results.ts';
import { sampleResults } from '../../testdata/sample-results.ts';
import { renderBackpressure } from './backpressure.ts';

const trend = (p95: number): SummaryMetric => ({
  type: 'trend',
  contains: 'time',
  values: { med: p95 / 2, 'p(95)': p95, 'p(99)': p95, max: p95 },
});
const counter = (count: number): SummaryMetric => ({
  type: 'counter',
  contains: 'default',
  values: { count, rate: 0 },
});

function withMetrics(extra: Record<string, SummaryMetric>): RunResults {
  const results = sampleResults();
  return {
    ...results,
    summary: {
      ...results.summary,
      metrics: {
        ...results.summary.metrics,
        'swag_broadcast_latency{group:fast,mix:alone,phase:steady}': trend(20),
        'swag_broadcast_latency{group:fast,mix:with-slow,phase:steady}': trend(30),
        ...extra,
      },
    },
  };
}

describe('backpressure section', () => {
  it("takes the servers' count of slow-consumer closes over what clients saw", () => {
    const page = renderBackpressure(
      withMetrics({
        'swag_slow_consumer_disconnects{seen_by:server}': counter(6),
        'swag_slow_consumer_disconnects{seen_by:client}': counter(1),
      }),
    ).value;
    expect(page).toContain('6 slow readers were dropped by the server (close 4008).');
    expect(page).toContain('(1.50×)');
  });

  it('says so when only the clients counted', () => {
    const page = renderBackpressure(
      withMetrics({ 'swag_slow_consumer_disconnects{seen_by:client}': counter(1) }),
    ).value;
    expect(page).toContain('1 slow reader was dropped by the server (close 4008), as clients saw it.');
  });

  it('renders nothing for runs without both fast-client latencies', () => {
    expect(renderBackpressure(sampleResults()).value).toBe('');
  });
});
