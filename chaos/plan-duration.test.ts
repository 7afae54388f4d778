import { describe, expect, it } from 'vitest';
import { parsePlanDuration } from './plan-duration.ts';

describe('parsePlanDuration', () => {
  it('reads a bare number as seconds and unit strings as written', () => {
    expect(parsePlanDuration(2)).toBe(2000);
    expect(parsePlanDuration('1m30s')).toBe(90_000);
    expect(parsePlanDuration(' 500ms ')).toBe(500);
  });
  it('is stricter than k6 options: every part needs a plan unit', () => {
    for (const text of ['5', '250us', '1m30', 'ten', '']) expect(parsePlanDuration(text)).toBeUndefined();
    expect(parsePlanDuration(-1)).toBeUndefined();
  });
});
