// Two runner processes with execution segments against one real lab: their
// metrics in the lab's Prometheus, labelled by instance, add up to a single
// run's totals, and the run's report merges both.
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index.ts';
import { runScenario } from '../run-scenario.ts';

const script = join(import.meta.dirname, 'testdata', 'segmented-lab.js');

async function query(
  prometheusUrl: string,
  expr: string,
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const body = (await (
    await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr })}`)
  ).json()) as {
    status: string;
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  expect(body.status).toBe('success');
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

describe('a run split across two runner processes (execution segments) against one lab', () => {
  let lab: Lab;
  let out: string;
  beforeAll(async () => {
    lab = await startLab({ replicas: 1 });
    out = mkdtempSync(join(tmpdir(), 'segmented-'));
  }, 240_000);
  afterAll(async () => {
    await lab?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('merges to the single run in Prometheus (by instance) and in the report', async () => {
    const single = await runScenario({
      scenario: script,
      attachTo: lab.state.labId,
      quiet: true,
      baselineSeconds: 0,
      outDir: join(out, 'single'),
    });
    const split = await runScenario({
      scenario: script,
      attachTo: lab.state.labId,
      quiet: true,
      baselineSeconds: 0,
      instances: 2,
      outDir: join(out, 'split'),
    });
    expect([single.exitCode, split.exitCode]).toEqual([0, 0]);

    // The report: 60 shared + 3×5 per-VU iterations either way, every request checked.
    for (const { results } of [single, split]) {
      expect(results.summary.metrics.iterations!.values.count).toBe(75);
      expect(results.summary.metrics.http_reqs!.values.count).toBe(75);
      expect(results.summary.metrics.checks!.values).toMatchObject({ passes: 75, fails: 0 });
      expect(results.summary.metrics.checks!.thresholds).toEqual({ 'rate==1': { ok: true } });
    }
    expect(split.results.settings.instances).toBe(2);
    expect(split.results.summary.metrics.http_req_duration!.values.max).toBeGreaterThan(0);
    expect(existsSync(join(split.dir, 'index.html'))).toBe(true);
    expect(existsSync(join(split.dir, 'instance-1', 'instance-result.json'))).toBe(true);

    // Prometheus: both instances wrote, and together they are the single run.
    const prometheus = lab.endpoints.prometheusUrl;
    const byInstance = await query(
      prometheus,
      `sum by (instance) (k6_http_reqs_total{run_id="${split.results.runId}"})`,
    );
    expect(byInstance.map((r) => r.metric.instance).sort()).toEqual(['1', '2']);
    expect(byInstance.every((r) => r.value > 0)).toBe(true);
    const [splitTotal] = await query(prometheus, `sum(k6_http_reqs_total{run_id="${split.results.runId}"})`);
    const [singleTotal] = await query(prometheus, `sum(k6_http_reqs_total{run_id="${single.results.runId}"})`);
    expect(singleTotal!.value).toBe(75);
    expect(splitTotal!.value).toBe(singleTotal!.value);
    const scenarios = await query(
      prometheus,
      `sum by (scenario) (k6_iterations_total{run_id="${split.results.runId}"})`,
    );
    expect(Object.fromEntries(scenarios.map((r) => [r.metric.scenario, r.value]))).toEqual({ shared: 60, pervu: 15 });
  }, 300_000);
});
