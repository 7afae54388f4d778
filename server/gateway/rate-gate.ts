import { SwagError } from '../errors.ts';
import type { TokenBucket } from './token-bucket.ts';

export interface RateLimits {
  ratePerSecond: number;
  rateBurst: number;
  /** The user bucket's rate, quoted when that bucket is the one that ran dry. */
  userRatePerSecond: number;
}

/**
 * What becomes of one arriving frame: handled, refused (answered with E_RATE_LIMITED, socket open), or the frame
 * that tips the connection into flooding (answered with E_FLOODING once every earlier reply is out, then 4029).
 */
export type RateVerdict = { kind: 'accepted' } | { kind: 'refused' | 'flooding'; scope: RateScope; error: SwagError };

export type RateScope = 'connection' | 'user';

/**
 * The connection's rate limit, judged as frames arrive (before the in-order handler), so a flood costs a token
 * check per frame, not a parse and a commit. Every frame takes a token from the connection's bucket and, once
 * signed in, from the user's; more than `rateBurst` refusals in a row is flooding.
 */
export class RateGate {
  private refusedInARow = 0;
  private user: TokenBucket | undefined;

  constructor(
    private readonly connection: TokenBucket,
    private readonly limits: RateLimits,
  ) {}

  /** From hello on, frames also take from the user's bucket shared by their connections on this replica. */
  set userBucket(bucket: TokenBucket | undefined) {
    this.user = bucket;
  }

  get userBucket(): TokenBucket | undefined {
    return this.user;
  }

  judge(): RateVerdict {
    const scope: RateScope | undefined = !this.connection.take()
      ? 'connection'
      : this.user && !this.user.take()
        ? 'user'
        : undefined;
    if (scope === undefined) {
      this.refusedInARow = 0;
      return { kind: 'accepted' };
    }
    this.refusedInARow += 1;
    const { rateBurst, ratePerSecond, userRatePerSecond } = this.limits;
    if (this.refusedInARow > rateBurst) {
      return {
        kind: 'flooding',
        scope,
        error: new SwagError(
          'E_FLOODING',
          `more than ${rateBurst} messages in a row while rate limited; closing with 4029`,
        ),
      };
    }
    const detail =
      scope === 'user'
        ? `more than ${userRatePerSecond} messages per second from this user on this replica (all their connections together); this one was dropped`
        : `more than ${ratePerSecond} messages per second on this connection; this one was dropped`;
    return { kind: 'refused', scope, error: new SwagError('E_RATE_LIMITED', detail) };
  }
}
