import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { SwagError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { AuthStore, Session, User } from './auth-store.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { TokenSigner } from './token.ts';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;

export const credentialsSchema = z.object({
  username: z.string().regex(USERNAME_PATTERN, {
    message: "expected 3-32 letters, digits, '_', '.' or '-', starting with a letter or digit",
  }),
  password: z.string().min(8, { message: 'expected at least 8 characters' }).max(256),
});

export type AuthFailureReason =
  | 'bad_credentials'
  | 'missing_token'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'session_revoked'
  | 'session_expired'
  | 'no_session'
  | 'wrong_user';

export interface IssuedToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface Authenticated {
  user: User;
  sessionId: string;
  /** When the presented token stops being valid, epoch ms. */
  expiresAt: number;
}

export interface AuthServiceDeps {
  store: AuthStore;
  metrics: Metrics;
  tokenSecret: string;
  tokenTtlSeconds: number;
  sessionTtlSeconds: number;
  clock: Clock;
  /** Called after a session was revoked here, to close its sockets on every replica. */
  onRevoked?: (sessionId: string) => void;
}

/** A scrypt hash of nothing in particular, so an unknown username costs as much as a wrong password. */
const DUMMY_HASH_INPUT = 'not-a-real-password';

/** Sign-up, sign-in, sessions and WebSocket tokens. Every failure is E_AUTH with a counted reason. */
export class AuthService {
  private readonly signer: TokenSigner;
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {
    this.signer = new TokenSigner(deps.tokenSecret, deps.clock);
  }

  async signup(username: string, password: string): Promise<User> {
    return this.deps.store.createUser(randomUUID(), username, await hashPassword(password));
  }

  /** Opens a session; returns it with a first WebSocket token. */
  async signin(
    username: string,
    password: string,
  ): Promise<{ user: User; sessionId: string; sessionExpiresAt: number } & IssuedToken> {
    const found = await this.deps.store.findUser(username);
    const valid = found ? await verifyPassword(password, found.passwordHash) : await this.burnTime(password);
    if (!found || !valid) throw this.failure('bad_credentials', 'wrong username or password');
    const sessionId = randomUUID();
    const sessionExpiresAt = this.deps.clock.now() + this.deps.sessionTtlSeconds * 1000;
    await this.deps.store.createSession(sessionId, found.id, sessionExpiresAt);
    const user = { id: found.id, username: found.username };
    return { user, sessionId, sessionExpiresAt, ...this.issueToken(user.id, sessionId, sessionExpiresAt) };
  }

  /** The live session behind a cookie, or E_AUTH. */
  async session(sessionId: string | undefined): Promise<Session> {
    if (sessionId === undefined || !z.uuid().safeParse(sessionId).success)
      throw this.failure('no_session', 'not signed in');
    const session = await this.deps.store.findSession(sessionId);
    if (!session) throw this.failure('no_session', 'not signed in');
    if (session.revoked) throw this.failure('session_revoked', 'session was signed out');
    if (session.expiresAt <= this.deps.clock.now())
      throw this.failure('session_expired', 'session expired; sign in again');
    return session;
  }

  /** A fresh short-lived token for a live session; never outlives the session. */
  async tokenFor(sessionId: string | undefined): Promise<{ user: User } & IssuedToken> {
    const session = await this.session(sessionId);
    return { user: session.user, ...this.issueToken(session.user.id, session.id, session.expiresAt) };
  }

  /** Checks signature, expiry and that the session is still live. */
  async authenticate(token: string): Promise<Authenticated> {
    const checked = this.signer.verify(token);
    if (!checked.ok) throw this.failure(checked.reason, `token rejected: ${checked.reason.replace('_', ' ')}`);
    const session = await this.session(checked.claims.sessionId);
    if (session.user.id !== checked.claims.userId) throw this.failure('wrong_user', 'token does not match its session');
    return { user: session.user, sessionId: session.id, expiresAt: checked.claims.exp * 1000 };
  }

  async signout(sessionId: string): Promise<void> {
    await this.deps.store.revokeSession(sessionId);
    this.deps.onRevoked?.(sessionId);
  }

  /** Counts and builds an E_AUTH failure. */
  failure(reason: AuthFailureReason, detail: string): SwagError {
    this.deps.metrics.authFailures.inc({ reason });
    return new SwagError('E_AUTH', detail);
  }

  private issueToken(userId: string, sessionId: string, sessionExpiresAt: number): IssuedToken {
    const expiresAt = Math.min(this.deps.clock.now() + this.deps.tokenTtlSeconds * 1000, sessionExpiresAt);
    const exp = Math.floor(expiresAt / 1000);
    return { token: this.signer.sign({ userId, sessionId, exp }), expiresAt: exp * 1000 };
  }

  private async burnTime(password: string): Promise<false> {
    this.dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
    await verifyPassword(password, await this.dummyHash);
    return false;
  }
}
