import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../clock.ts';

/** What a WebSocket token proves: this user, through this session, until `exp` (epoch seconds). */
export interface TokenClaims {
  userId: string;
  sessionId: string;
  exp: number;
}

export type TokenRejection = 'malformed' | 'bad_signature' | 'expired';

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenRejection };

const PREFIX = 'swag1';

/**
 * Compact HMAC-SHA256 tokens, `swag1.<base64url claims>.<base64url mac>`. They are bearer credentials
 * that still need a live session: revoking the session invalidates every token issued from it.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock = systemClock,
  ) {}

  sign(claims: TokenClaims): string {
    const body = Buffer.from(JSON.stringify({ u: claims.userId, s: claims.sessionId, e: claims.exp })).toString(
      'base64url',
    );
    return `${PREFIX}.${body}.${this.mac(body)}`;
  }

  verify(token: string): TokenCheck {
    const [prefix, body, mac] = token.split('.');
    if (prefix !== PREFIX || !body || !mac || token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(body));
    const actual = Buffer.from(mac);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
      return { ok: false, reason: 'bad_signature' };
    let decoded: { u?: unknown; s?: unknown; e?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof decoded.u !== 'string' || typeof decoded.s !== 'string' || typeof decoded.e !== 'number')
      return { ok: false, reason: 'malformed' };
    if (decoded.e * 1000 <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { userId: decoded.u, sessionId: decoded.s, exp: decoded.e } };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`${PREFIX}.${body}`).digest('base64url');
  }
}
