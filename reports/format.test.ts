import { describe, expect, it } from 'vitest';
import { formatBytes, formatMilliseconds, formatSeriesValue, formatStatistic, formatTimestamp } from './format.ts';

describe('formatting', () => {
  it('formats durations, bytes and statistics for people', () => {
    expect(formatMilliseconds(0.42)).toBe('420 µs');
    expect(formatMilliseconds(104.9)).toBe('104.9 ms');
    expect(formatMilliseconds(1500)).toBe('1.5 s');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
    expect(formatStatistic({ type: 'rate', contains: 'default' }, 'rate', 0.9957)).toBe('99.57%');
    expect(formatStatistic({ type: 'counter', contains: 'default' }, 'rate', 12.5)).toBe('12.5/s');
    expect(formatTimestamp('2026-03-14T09:30:00.000Z')).toBe('2026-03-14 09:30:00 UTC');
  });

  it('formats Prometheus samples by their unit name', () => {
    expect(formatSeriesValue('seconds', 0.0125)).toBe('12.5 ms');
    expect(formatSeriesValue('ratio', 0.5)).toBe('50%');
    expect(formatSeriesValue('per-second', 3)).toBe('3/s');
  });
});
