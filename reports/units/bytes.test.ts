import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';

describe('formatBytes', () => {
  it('counts in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(2000)).toBe('1.95 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(-2048)).toBe('-2 KiB');
  });
});

describe('formatBytes in k6 units', () => {
  it("counts in SI units with one decimal, as k6's summary does", () => {
    expect(formatBytes(999, { units: 'k6' })).toBe('999 B');
    expect(formatBytes(2000, { units: 'k6' })).toBe('2.0 kB');
    expect(formatBytes(1_250_000, { units: 'k6' })).toBe('1.3 MB');
  });
});
