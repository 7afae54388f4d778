// Reconnect delays: exponential growth from `baseMs`, capped at `maxMs`, with
// "equal jitter" (half fixed, half random) so a herd of clients that lost the
// same replica does not come back in lock-step. Pure: randomness is injected.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0 = no jitter, 1 = the whole delay is random. */
  jitter: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 5000, jitter: 0.5, maxAttempts: 30 };

/** Delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * Math.pow(2, Math.max(0, attempt - 1)));
  return Math.round(ceiling * (1 - policy.jitter) + ceiling * policy.jitter * random());
}
