import { describe, expect, it } from 'vitest';
import type { AuthService } from '../auth/auth-service.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { HeldIdentity } from './identify.ts';

const member = { userId: 'u1', name: 'Ann' };

function held() {
  const clock = new FakeClock(10_000);
  let expired = 0;
  const identity = new HeldIdentity({ auth: {} as AuthService, authMode: 'required', clock }, () => expired++);
  return { clock, identity, expired: () => expired };
}

describe('HeldIdentity', () => {
  it('expires when the token does, by the injected clock', () => {
    const { clock, identity, expired } = held();
    identity.adopt({ member, sessionId: 's1', expiresAt: 70_000 });
    clock.advance(59_999);
    expect(expired()).toBe(0);
    clock.advance(1);
    expect(expired()).toBe(1);
    expect(identity.signedInThrough('s1')).toBe(true);
  });

  it('never expires once released (the socket closed)', () => {
    const { clock, identity, expired } = held();
    identity.adopt({ member, expiresAt: 20_000 });
    identity.release();
    clock.advance(60_000);
    expect(expired()).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
