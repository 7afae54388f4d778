import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.ts';
import { TokenSigner } from './token.ts';

const claims = { userId: 'u1', sessionId: 's1', exp: 2000 };

describe('TokenSigner', () => {
  it('accepts its own token until it expires', () => {
    const clock = new FakeClock(1_999_000);
    const signer = new TokenSigner('secret-secret-secret', clock);
    const token = signer.sign(claims);
    expect(signer.verify(token)).toEqual({ ok: true, claims });
    clock.advance(1000);
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another secret or altered', () => {
    const signer = new TokenSigner('secret-secret-secret', new FakeClock());
    const other = new TokenSigner('another-secret-here', new FakeClock()).sign(claims);
    expect(signer.verify(other)).toEqual({ ok: false, reason: 'bad_signature' });
    const [prefix, , mac] = signer.sign(claims).split('.');
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ u: 'admin', s: 's1', e: 2000 })).toString('base64url')}.${mac}`;
    expect(signer.verify(forged)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(signer.verify('nonsense')).toEqual({ ok: false, reason: 'malformed' });
  });
});
