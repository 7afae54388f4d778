import { describe, expect, it } from 'vitest';
import { RecentlyRevoked } from './recently-revoked.ts';

describe('RecentlyRevoked', () => {
  it('remembers the last sessions signed out and forgets the oldest past its limit', () => {
    const revoked = new RecentlyRevoked(2);
    revoked.add('s1');
    revoked.add('s2');
    expect(revoked.has('s1')).toBe(true);
    revoked.add('s1');
    revoked.add('s3');
    expect(revoked.has('s2')).toBe(false);
    expect(revoked.has('s1')).toBe(true);
    expect(revoked.has('s3')).toBe(true);
    expect(revoked.has('never')).toBe(false);
  });
});
