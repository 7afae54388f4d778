import { describe, expect, it } from 'vitest';
import { runStamp } from './run-stamp.ts';

describe('runStamp', () => {
  it('is the UTC date and time to the second, sortable as text', () => {
    expect(runStamp(new Date('2026-12-01T17:42:10.987Z'))).toBe('20261201-174210');
    expect(runStamp(new Date('2026-01-09T03:04:05Z')) < runStamp(new Date('2026-01-10T00:00:00Z'))).toBe(true);
  });
});
