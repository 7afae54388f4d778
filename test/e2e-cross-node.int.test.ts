// The foundation's whole path, through real components: two replicas behind
// HAProxy with Postgres, Redis and Toxiproxy, the k6 scenario on our runner,
// Prometheus series, and the HTML report and JUnit written from them.
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, type RunOutput } from '../harness/run/run-scenario.ts';

describe('swaglab run cross-node-latency (2 replicas, redis)', () => {
  let output: RunOutput;

  it('runs the scenario against a fresh lab', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'swaglab-e2e-'));
    output = await runScenario({
      scenario: 'cross-node-latency',
      lab: { replicas: 2, bus: 'redis' },
      env: { VUS: '6', DURATION: '10s', SESSION_MS: '5000', WRITE_EVERY_MS: '400' },
      outDir,
    });
    expect([0, 99]).toContain(output.exitCode);
  }, 300_000);

  it('delivered events across nodes, with plausible latency figures', () => {
    const metrics = output.results.summary.metrics;
    expect(metrics['swag_events_delivered{path:cross}']?.values.count).toBeGreaterThan(0);
    expect(metrics['swag_events_delivered']?.values.count).toBeGreaterThan(20);
    for (const path of ['same', 'cross']) {
      const trend = metrics[`swag_broadcast_latency{path:${path}}`]!.values;
      expect(trend['p(99)']).toBeGreaterThan(0);
      expect(trend['med']).toBeLessThanOrEqual(trend['p(99)']!);
      expect(trend['p(99)']).toBeLessThan(5_000);
    }
    expect(metrics['swag_protocol_errors']?.values.count ?? 0).toBe(0);
  });

  it('collected Prometheus series from both replicas over the run', () => {
    const connections = output.results.series.find((s) => s.id === 'ws-connections-per-replica');
    expect(connections?.error).toBeUndefined();
    const replicas = new Set(connections!.series.map((s) => s.labels.replica));
    expect(replicas).toEqual(new Set(['replica-1', 'replica-2']));
    expect(connections!.series.some((s) => s.points.some(([, v]) => v > 0))).toBe(true);
  });

  it('wrote a self-contained report and JUnit with the figures', async () => {
    const html = await readFile(join(output.dir, 'index.html'), 'utf8');
    expect(html).toContain('swag_broadcast_latency{path:cross}');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const junit = await readFile(join(output.dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase[^>]*p\(99\)&lt;250/);
    const saved = JSON.parse(await readFile(join(output.dir, 'results.json'), 'utf8'));
    expect(saved.settings).toMatchObject({ scenario: 'cross-node-latency', replicas: 2, bus: 'redis' });
  });
});
