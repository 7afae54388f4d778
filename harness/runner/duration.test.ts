import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('parses Go-style compound durations', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2h')).toBe(7_200_000);
  });
  it('treats numbers as ms and numeric strings as seconds', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('3')).toBe(3000);
  });
  it('rejects garbage with a helpful message', () => {
    expect(() => parseDuration('10 sec', 'gracefulStop')).toThrow(/invalid gracefulStop "10 sec"; expected e.g. "30s"/);
    expect(() => parseDuration('')).toThrow(/invalid duration/);
  });
  it('formats durations compactly', () => {
    expect(formatDuration(1234)).toBe('1.23s');
    expect(formatDuration(12.345)).toBe('12.35ms');
    expect(formatDuration(90_500)).toBe('1m30.5s');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.25)).toBe('250.00µs');
  });
});
