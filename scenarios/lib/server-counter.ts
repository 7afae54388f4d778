// Reads a counter the servers keep, from the lab's Prometheus (PROMETHEUS_URL, which `swaglab run` sets), for
// what clients cannot see themselves: a slow reader's 4008 close, for one, queues behind the very backlog that
// caused it and reaches the reader long after the run. Without PROMETHEUS_URL (a real deployment) there is none.
import http from 'k6/http';
import { setTimeout } from 'k6/timers';
import { envString } from './env.ts';

export const PROMETHEUS_URL = envString('PROMETHEUS_URL', '').replace(/\/+$/, '');

/** The counter summed over every replica, as Prometheus last scraped it; undefined without a Prometheus or on a failed query. */
export async function serverCounter(metric: string): Promise<number | undefined> {
  if (!PROMETHEUS_URL) return undefined;
  const query = encodeURIComponent(`sum(${metric})`);
  const res = await http.asyncRequest('GET', `${PROMETHEUS_URL}/api/v1/query?query=${query}`, null, {
    tags: { name: 'prometheus-query' },
  });
  if (res.status !== 200) return undefined;
  const body = res.json() as { data?: { result?: Array<{ value?: [number, string] }> } } | null;
  const value = body?.data?.result?.[0]?.value?.[1];
  return value === undefined ? undefined : Number(value);
}

/** Waits long enough for Prometheus to scrape what the servers counted last (the lab scrapes every second). */
export function afterNextScrape(ms = 2500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
