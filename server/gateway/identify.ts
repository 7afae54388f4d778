import type { AuthService } from '../auth/auth-service.ts';
import type { MembershipStore } from '../auth/membership.ts';
import type { BoardId } from '../board/task.ts';
import type { Cancel, Clock } from '../clock.ts';
import type { AuthMode } from '../config.ts';
import { SwagError } from '../errors.ts';
import type { Member } from '../presence/presence-tracker.ts';
import type { HelloMessage } from './protocol.ts';

/** Who said hello, and (auth required) through which session, until when. */
export interface Identity {
  member: Member;
  sessionId?: string;
  expiresAt?: number;
  user?: { id: string; username: string };
}

/** Who is saying hello: the token's user (auth required, and only to boards they belong to) or the claimed name (auth open). */
export async function identify(
  deps: { auth: AuthService; authMode: AuthMode; membership: MembershipStore },
  message: HelloMessage,
  boards: BoardId[],
): Promise<Identity> {
  const { auth, authMode, membership } = deps;
  if (authMode === 'open') {
    if (message.user === undefined)
      throw new SwagError('E_BAD_FRAME', 'field "user": required when the server runs with SWAGBOARD_AUTH=open');
    return { member: { userId: message.user, name: message.user } };
  }
  if (message.token === undefined)
    throw auth.failure(
      'missing_token',
      'field "token": required; get one from POST /api/auth/signin or /api/auth/token',
    );
  const signedIn = await auth.authenticate(message.token);
  const forbidden = await membership.notMemberOf(signedIn.user.id, boards);
  if (forbidden.length > 0) throw new SwagError('E_FORBIDDEN', `you are not a member of board ${forbidden.join(', ')}`);
  return {
    member: { userId: signedIn.user.id, name: signedIn.user.username },
    sessionId: signedIn.sessionId,
    expiresAt: signedIn.expiresAt,
    user: signedIn.user,
  };
}

/**
 * The identity a connection holds once its hello was accepted: the member, and (auth required) the session it
 * signed in through and the token's expiry, after which `expired` runs unless `auth.refresh` moved it on.
 */
export class HeldIdentity {
  private held: Member | undefined;
  private sessionId: string | undefined;
  private cancelExpiry: Cancel | undefined;

  constructor(
    private readonly deps: { auth: AuthService; authMode: AuthMode; clock: Clock },
    private readonly expired: () => void,
  ) {}

  get member(): Member | undefined {
    return this.held;
  }

  adopt(identity: Identity): void {
    this.held = identity.member;
    this.sessionId = identity.sessionId;
    if (identity.expiresAt !== undefined) this.expireAt(identity.expiresAt);
  }

  signedInThrough(sessionId: string): boolean {
    return this.sessionId === sessionId;
  }

  /** Takes a fresh token of the same user; resolves with its expiry (none in open mode, where tokens are ignored). */
  async refresh(token: string): Promise<number | undefined> {
    if (this.deps.authMode === 'open') return undefined;
    const signedIn = await this.deps.auth.authenticate(token);
    if (signedIn.user.id !== this.held?.userId)
      throw this.deps.auth.failure('wrong_user', 'auth.refresh token belongs to another user');
    this.sessionId = signedIn.sessionId;
    this.expireAt(signedIn.expiresAt);
    return signedIn.expiresAt;
  }

  release(): void {
    this.cancelExpiry?.();
  }

  private expireAt(expiresAt: number): void {
    this.cancelExpiry?.();
    this.cancelExpiry = this.deps.clock.after(Math.max(0, expiresAt - this.deps.clock.now()), this.expired);
  }
}
