// Reconnect delays. The first retry comes almost at once (within `firstMs`,
// fully random): after a replica dies the next one is almost always fine, and
// the spread keeps a herd that lost the same replica from arriving in one
// instant. Later retries grow exponentially from `baseMs`, capped at `maxMs`,
// with "equal jitter" (half fixed, half random). And how long each attempt
// waits for its welcome. Pure: randomness is injected.

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay, drawn uniformly from [0, firstMs]. */
  firstMs: number;
  baseMs: number;
  maxMs: number;
  /** 0 = no jitter, 1 = the whole delay is random (retries after the first). */
  jitter: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 50, baseMs: 100, maxMs: 2000, jitter: 0.5, maxAttempts: 30 };

/** Delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (attempt <= 1) return Math.round(policy.firstMs * random());
  const ceiling = Math.min(policy.maxMs, policy.baseMs * Math.pow(2, attempt - 1));
  return Math.round(ceiling * (1 - policy.jitter) + ceiling * policy.jitter * random());
}

/**
 * Connect → welcome normally takes milliseconds. A session that reconnects gives up on its first attempt
 * after 1 s and tries again (likely on another replica): a hung attempt costs little. Each attempt that
 * timed out doubles the next one's patience, up to 5 s, so a herd on a busy machine still gets in
 * instead of abandoning every slow welcome. A one-connection session has no second chance: it waits 5 s.
 */
export const RECONNECTING_CONNECT_TIMEOUT_MS = 1000;
export const SINGLE_CONNECT_TIMEOUT_MS = 5000;

/** Patience of a reconnecting session's next attempt after `timedOut` attempts in a row gave up (never below `firstMs`). */
export function connectTimeoutAfter(timedOut: number, firstMs: number = RECONNECTING_CONNECT_TIMEOUT_MS): number {
  return Math.min(Math.max(SINGLE_CONNECT_TIMEOUT_MS, firstMs), firstMs * Math.pow(2, timedOut));
}
