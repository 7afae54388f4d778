import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('parses Go-style compound durations', () => {
    expect(parseDuration('1m30s', { bareUnit: 'ms' })).toBe(90_000);
    expect(parseDuration('500ms', { bareUnit: 'ms' })).toBe(500);
    expect(parseDuration('1.5s', { bareUnit: 's' })).toBe(1500);
    expect(parseDuration('2h', { bareUnit: 'ms' })).toBe(7_200_000);
    expect(parseDuration('250us', { bareUnit: 'ms' })).toBe(0.25);
  });
  it('reads a bare number in the unit the caller names, and a numeric string as seconds either way', () => {
    expect(parseDuration(250, { bareUnit: 'ms' })).toBe(250);
    expect(parseDuration(5, { bareUnit: 's' })).toBe(5000);
    expect(parseDuration('3', { bareUnit: 'ms' })).toBe(3000);
    expect(parseDuration('3', { bareUnit: 's' })).toBe(3000);
  });
  it('rejects garbage with a helpful message', () => {
    expect(() => parseDuration('10 sec', { bareUnit: 'ms', what: 'gracefulStop' })).toThrow(
      /invalid gracefulStop "10 sec"; expected e.g. "30s"/,
    );
    expect(() => parseDuration('', { bareUnit: 'ms' })).toThrow(/invalid duration/);
    expect(() => parseDuration(-1, { bareUnit: 's' })).toThrow(/invalid duration -1/);
    expect(() => parseDuration('5x', { bareUnit: 's' })).toThrow(/invalid duration "5x"/);
  });
});

describe('formatDuration', () => {
  it('writes k6 style, two decimals', () => {
    expect(formatDuration(1234, { style: 'k6' })).toBe('1.23s');
    expect(formatDuration(12.345, { style: 'k6' })).toBe('12.35ms');
    expect(formatDuration(90_500, { style: 'k6' })).toBe('1m30.5s');
    expect(formatDuration(0, { style: 'k6' })).toBe('0s');
    expect(formatDuration(0.25, { style: 'k6' })).toBe('250.00µs');
    expect(formatDuration(3_725_000, { style: 'k6' })).toBe('1h2m5s');
  });
  it('writes plan style exactly, so that it reads back', () => {
    expect(formatDuration(5000, { style: 'plan' })).toBe('5s');
    expect(formatDuration(90_000, { style: 'plan' })).toBe('90s');
    expect(formatDuration(1234, { style: 'plan' })).toBe('1234ms');
    for (const ms of [0, 500, 1234, 90_000])
      expect(parseDuration(formatDuration(ms, { style: 'plan' }), { bareUnit: 's' })).toBe(ms);
  });
  it('writes compact style rounded to the second for reports', () => {
    expect(formatDuration(182_000, { style: 'compact' })).toBe('3m 02s');
    expect(formatDuration(44_600, { style: 'compact' })).toBe('45s');
    expect(formatDuration(3_900_000, { style: 'compact' })).toBe('1h 05m');
    expect(formatDuration(Number.NaN, { style: 'compact' })).toBe('unknown');
    expect(formatDuration(-1, { style: 'compact' })).toBe('unknown');
  });
});
