// A lab is up when Prometheus has scraped every replica at least once, not merely when HAProxy sees them:
// before that, a scenario's baseline of a server counter (scenarios/lib/server-counter.ts) finds no series,
// and a dashboard opened at once shows fewer replicas than the lab has.
import { systemClock, type Clock } from '../clock.ts';
import { queryInstant } from '../run/prometheus-query.ts';

export interface WaitForScrapesOptions {
  signal?: AbortSignal | undefined;
  clock?: Clock;
}

const POLL_EVERY_MS = 250;

/** The replicas Prometheus last scraped successfully (`up == 1`), by target host name (`replica-1`, ...). */
export async function scrapedReplicas(prometheusUrl: string, at: Date): Promise<string[]> {
  // queryInstant drops `instance` as noise; copy its host part (the replica's name) to a label it keeps.
  const expr = 'label_replace(up{job="swagboard"} == 1, "target", "$1", "instance", "([^:]+):.*")';
  const { samples, error } = await queryInstant(prometheusUrl, expr, at);
  if (error) throw new Error(error);
  return samples.map((s) => s.labels.target ?? '?').sort();
}

/** Waits until Prometheus reports `expected` replicas up. */
export async function waitForScrapes(
  prometheusUrl: string,
  expected: number,
  timeoutMs: number,
  { signal, clock = systemClock }: WaitForScrapesOptions = {},
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  let last: string[] = [];
  let lastError = '';
  while (clock.now() < deadline) {
    signal?.throwIfAborted();
    try {
      last = await scrapedReplicas(prometheusUrl, new Date(clock.now()));
      lastError = '';
      if (last.length >= expected) return;
    } catch (error) {
      lastError = (error as Error).message; // Prometheus still starting
    }
    await clock.sleep(POLL_EVERY_MS, signal);
  }
  throw new Error(
    `Prometheus did not scrape ${expected} replica(s) within ${timeoutMs / 1000} s; ` +
      `last scraped: ${last.join(', ') || 'none'}${lastError ? ` (last query failed: ${lastError})` : ''}`,
  );
}
