// Every catalogue query, run against a live lab's Prometheus after a little
// real traffic: none may error, and each must return at least one series.
// This is what keeps the dashboards (and the report's charts) honest about
// the metric names the server and exporters really publish.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../harness/lab/index.ts';
import { driveTraffic } from '../harness/lab/testing/drive-traffic.ts';
import { CATALOGUE } from './catalogue.ts';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ replicas: 2, bus: 'redis', scrapeIntervalSeconds: 1, traces: false });
});

afterAll(async () => {
  await lab?.stop();
});

async function instantQuery(expr: string): Promise<{ error?: string; series: number }> {
  const response = await fetch(`${lab.endpoints.prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr })}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  return body.status === 'success' ? { series: body.data?.result.length ?? 0 } : { error: body.error ?? `HTTP ${response.status}`, series: 0 };
}

/**
 * The runner's own series (k6_*) exist only while a scenario streams them
 * (remote write); here they are checked to evaluate, not to return data.
 * scenarios' end-to-end tests cover them with a real run.
 */
const fedByRunner = (expr: string) => /\bk6_/.test(expr);

describe('the query catalogue against live Prometheus', () => {
  it('every query evaluates and returns series', async () => {
    const acks = await driveTraffic(lab.endpoints.clientUrl, { clients: 4, boards: 2, tasksPerClient: 25, intervalMs: 150 });
    expect(acks).toBe(100);
    // Rates need two scrapes after the traffic; poll (bounded) rather than guess.
    let failing: string[] = [];
    const deadline = Date.now() + 20_000;
    do {
      await sleep(1000);
      const results = await Promise.all(CATALOGUE.map(async (q) => ({ q, result: await instantQuery(q.expr) })));
      failing = results.filter(({ q, result }) => result.error || (result.series === 0 && !fedByRunner(q.expr))).map(({ q, result }) => `${q.id}: ${result.error ?? 'no series'}  [${q.expr}]`);
    } while (failing.length > 0 && Date.now() < deadline);
    expect(failing).toEqual([]);
    expect(CATALOGUE.filter((q) => !fedByRunner(q.expr)).length).toBeGreaterThan(20);
  });
});
