import { describe, expect, it } from 'vitest';
import type { SummaryData } from '../results.ts';
import { buildWarmup, steadyKey, wholeRunKey } from './warmup.ts';

const trend = (med: number, p99: number) => ({
  type: 'trend' as const,
  contains: 'time' as const,
  values: { med, 'p(99)': p99 },
});

function summary(metrics: SummaryData['metrics']): SummaryData {
  return {
    metrics,
    root_group: { name: '', path: '', id: '', groups: [], checks: [] },
    options: { summaryTrendStats: ['med'] },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 20_000 },
  };
}

describe('warm-up keys', () => {
  it('drops only the phase:steady tag, keeping the others in order', () => {
    expect(wholeRunKey('swag_broadcast_latency{path:cross,phase:steady}')).toBe('swag_broadcast_latency{path:cross}');
    expect(wholeRunKey('swag_broadcast_latency{phase:steady}')).toBe('swag_broadcast_latency');
    expect(wholeRunKey('lat{group:fast,mix:alone,phase:steady}')).toBe('lat{group:fast,mix:alone}');
    expect(wholeRunKey('swag_broadcast_latency{phase:warmup}')).toBeUndefined();
    expect(wholeRunKey('swag_broadcast_latency')).toBeUndefined();
  });

  it('steadyKey inverts wholeRunKey', () => {
    for (const key of ['swag_broadcast_latency', 'swag_broadcast_latency{path:same}'])
      expect(wholeRunKey(steadyKey(key))).toBe(key);
  });
});

describe('buildWarmup', () => {
  it('takes the window from the gauge, its start from the run end, and the steady trends by whole-run key', () => {
    const warmup = buildWarmup(
      summary({
        swag_warmup_seconds: { type: 'gauge', contains: 'default', values: { value: 5, min: 5, max: 5 } },
        swag_broadcast_latency: trend(40, 300),
        'swag_broadcast_latency{path:cross,phase:steady}': trend(12, 80),
        'swag_broadcast_latency{phase:steady}': trend(10, 70),
        'swag_events_delivered{phase:steady}': { type: 'counter', contains: 'default', values: { count: 3 } },
      }),
      new Date('2026-01-01T00:00:30Z'),
    );
    expect(warmup).toEqual({
      seconds: 5,
      start: '2026-01-01T00:00:10.000Z',
      steady: {
        'swag_broadcast_latency{path:cross}': { med: 12, 'p(99)': 80 },
        swag_broadcast_latency: { med: 10, 'p(99)': 70 },
      },
    });
  });

  it('is absent when the script reported no window', () => {
    expect(buildWarmup(summary({ swag_broadcast_latency: trend(1, 2) }), new Date())).toBeUndefined();
  });
});
