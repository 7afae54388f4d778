import { describe, expect, it } from 'vitest';
import { baselineSeconds, parseBaselineFlag } from './baseline.ts';

describe('idle baseline length', () => {
  it('is the planned run length, at most 15 s', () => {
    expect(baselineSeconds({ env: { DURATION: '10s' } })).toBe(10);
    expect(baselineSeconds({ env: { DURATION: '10m' } })).toBe(15);
    expect(baselineSeconds({ duration: '30s', env: { DURATION: '8s' } })).toBe(15);
    expect(baselineSeconds({ env: {} })).toBe(15);
  });

  it('is what the spec says when it says, 0 for none', () => {
    expect(baselineSeconds({ baselineSeconds: 4, env: { DURATION: '1m' } })).toBe(4);
    expect(baselineSeconds({ baselineSeconds: 0, env: {} })).toBe(0);
  });

  it('parses the CLI flag', () => {
    expect(parseBaselineFlag('off')).toBe(0);
    expect(parseBaselineFlag('2.5s')).toBe(2.5);
    expect(parseBaselineFlag('1m')).toBe(60);
    expect(() => parseBaselineFlag('soon')).toThrow(/invalid baseline "soon"/);
  });
});
