// docs/learn/: each experiment's commands run briefly, through the `swaglab` CLI as a learner types them (fewer
// clients, shorter runs, no idle baseline), and the outcome its page claims checked from the runs' results.json
// and the lab's Prometheus. One lab at a time: experiments 1–3 share a 3-replica Redis lab (with a second
// cross-node run on it for experiment 5), experiment 4 has a lab with the backpressure scenario's settings, and
// experiment 5 a 3-replica NATS lab. The labs are started here, as `swaglab up` would, and the commands given
// `--lab <id>`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../harness/lab/index.ts';
import { swaglab } from '../harness/lab/testing/swaglab-cli.ts';
import { projectRoot } from '../harness/paths.ts';
import { queryInstant } from '../harness/run/prometheus-query.ts';
import { loadSuitesFile } from '../harness/run/suites-file.ts';
import type { ComparisonGroup } from '../reports/compare/analyse.ts';
import { readRunResults } from '../reports/read-run.ts';
import type { RunResults } from '../reports/results.ts';

/** The same flags for every cross-node run, so that `compare` groups them as one cell (it groups by scenario, replicas, plan, env). */
const CROSS_NODE_ARGS = ['--vus', '6', '--duration', '10s', '-e', 'SESSION_MS=4000'];

let outRoot: string;
const runDirs: Record<'redis' | 'nats', string[]> = { redis: [], nats: [] };

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'swaglab-learn-'));
});
afterAll(async () => {
  if (outRoot) await rm(outRoot, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<void> {
  const result = await swaglab(projectRoot, args);
  if (result.code !== 0)
    throw new Error(`swaglab ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-2000)}`);
}

/** `swaglab run <scenario> --lab <id> …`; exit 99 (a threshold failed) is an outcome to check, anything else but 0 a failure. */
async function runOn(
  lab: Lab,
  scenario: string,
  name: string,
  args: string[] = [],
): Promise<{ code: number; dir: string; results: RunResults }> {
  const dir = join(outRoot, name);
  const result = await swaglab(projectRoot, [
    'run',
    scenario,
    '--lab',
    lab.id,
    '--baseline',
    'off',
    '--out',
    dir,
    ...args,
  ]);
  if (result.code !== 0 && result.code !== 99)
    throw new Error(`swaglab run ${scenario} exited ${result.code}: ${result.stderr.slice(-3000)}`);
  return { code: result.code, dir, results: await readRunResults(dir) };
}

const metric = (results: RunResults, name: string) => results.summary.metrics[name];
const count = (results: RunResults, name: string) => metric(results, name)?.values.count ?? 0;

/** Waits until HAProxy's checks say what `want` says of each replica named there. */
async function waitForHaproxy(lab: Lab, want: Record<string, 'UP' | 'DOWN'>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    const { replicas } = await lab.status();
    seen = replicas.map((r) => `${r.name}=${r.haproxy}`).join(', ');
    if (replicas.every((r) => want[r.name] === undefined || r.haproxy === want[r.name])) return;
    await sleep(250);
  }
  throw new Error(`HAProxy did not reach ${JSON.stringify(want)} within ${timeoutMs / 1000} s; last seen ${seen}`);
}

/** One value per replica of an instant query grouped `by (replica)`. */
async function perReplica(lab: Lab, expr: string, at = new Date()): Promise<Record<string, number>> {
  const result = await queryInstant(lab.endpoints.prometheusUrl, expr, at);
  if (result.error) throw new Error(`Prometheus: ${result.error} (${expr})`);
  return Object.fromEntries(result.samples.map((s) => [s.labels.replica ?? '', s.value]));
}

const hop = (results: RunResults, path: 'same' | 'cross', name: string) =>
  results.waterfall?.paths.find((p) => p.path === path)?.hops.find((h) => h.hop === name && h.count > 0);

describe('on one 3-replica Redis lab', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ replicas: 3, bus: 'redis', traces: false });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('1. scale 1 → 3: one replica serving has no cross-node path (exit 99); with three, path:cross and the bus hop appear', async () => {
    await cli(['stop', 'replica-2', '--lab', lab.id]);
    await cli(['stop', 'replica-3', '--lab', lab.id]);
    await waitForHaproxy(lab, { 'replica-1': 'UP', 'replica-2': 'DOWN', 'replica-3': 'DOWN' });
    const one = await runOn(lab, 'cross-node-latency', 'one-replica', CROSS_NODE_ARGS);
    expect(one.code).toBe(99);
    expect(count(one.results, 'swag_events_delivered')).toBeGreaterThan(20);
    expect(count(one.results, 'swag_events_delivered{path:cross}')).toBe(0);
    expect(metric(one.results, 'swag_events_delivered{path:cross}')?.thresholds?.['count>0']?.ok).toBe(false);
    expect(hop(one.results, 'cross', 'bus_transit')).toBeUndefined();

    await cli(['restart', 'replica-2', '--lab', lab.id]);
    await cli(['restart', 'replica-3', '--lab', lab.id]);
    await waitForHaproxy(lab, { 'replica-1': 'UP', 'replica-2': 'UP', 'replica-3': 'UP' });
    const three = await runOn(lab, 'cross-node-latency', 'three-replicas', CROSS_NODE_ARGS);
    runDirs.redis.push(three.dir);
    expect(count(three.results, 'swag_events_delivered{path:cross}')).toBeGreaterThan(20);
    expect(metric(three.results, 'swag_events_delivered{path:cross}')?.thresholds?.['count>0']?.ok).toBe(true);
    expect(metric(three.results, 'swag_broadcast_latency{path:cross}')?.values.med).toBeGreaterThan(0);
    // What cross-node adds, as the waterfall shows it: the bus hop, then the receiving replica's release.
    expect(hop(three.results, 'cross', 'bus_transit')?.p50Ms).toBeGreaterThan(0);
    expect(hop(three.results, 'cross', 'release')).toBeDefined();
  }, 240_000);

  it('5 (its Redis side): a second cross-node run with the same flags', async () => {
    const again = await runOn(lab, 'cross-node-latency', 'redis-2', CROSS_NODE_ARGS);
    runDirs.redis.push(again.dir);
    expect(count(again.results, 'swag_events_delivered{path:cross}')).toBeGreaterThan(20);
  }, 120_000);

  it('2. kill a replica: clients reconnect and resume with nothing lost or duplicated', async () => {
    await waitForHaproxy(lab, { 'replica-1': 'UP', 'replica-2': 'UP', 'replica-3': 'UP' });
    // The default plan, replica-crash, kills replica-2 at 10 s; the run ends at 15 s and the plan restarts it.
    const { results } = await runOn(lab, 'reconnect', 'reconnect', ['--vus', '6', '--duration', '15s']);
    expect(results.chaos.map((c) => `${c.action} ${c.target}`)).toEqual(['kill replica-2']);
    expect(count(results, 'swag_reconnects')).toBeGreaterThan(0);
    expect(count(results, 'swag_events_owed')).toBeGreaterThan(20);
    expect(count(results, 'swag_events_lost')).toBe(0);
    expect(count(results, 'swag_events_duplicated')).toBe(0);
    expect(count(results, 'swag_sessions_unrecovered')).toBe(0);
    // The page's bound is p99 ≤ 1 s (the scenario's threshold); this one fails only a broken failover on a loaded machine.
    expect(metric(results, 'swag_reconnect_time')?.values['p(99)']).toBeLessThan(3_000);
  }, 150_000);

  it("3. slow replica-2's bus link: it fills gaps from Postgres, and every client still applies every seq once, in order", async () => {
    await waitForHaproxy(lab, { 'replica-1': 'UP', 'replica-2': 'UP', 'replica-3': 'UP' });
    const fills = 'sum by (replica) (swagboard_fanout_gap_fills_total)';
    const before = await perReplica(lab, fills);
    await cli(['chaos', 'add', 'replica-2.bus', 'latency', '-a', 'latency=200', '--name', 'slow-bus', '--lab', lab.id]);
    let results: RunResults;
    try {
      ({ results } = await runOn(lab, 'history', 'history', [
        '--plan',
        'none',
        '--duration',
        '10s',
        '-e',
        'SETTLE_MS=2000',
      ]));
    } finally {
      await cli(['chaos', 'remove', 'replica-2.bus', 'slow-bus', '--lab', lab.id]);
    }
    const after = await perReplica(lab, fills);
    const history = results.history;
    expect(history?.error).toBeUndefined();
    expect(history?.counterexample?.message).toBeUndefined();
    expect(history?.passed).toBe(true);
    expect(history?.replicas).toContain('replica-2');
    expect(history?.ops.acked).toBeGreaterThan(20);
    const filled = (replica: string) => (after[replica] ?? 0) - (before[replica] ?? 0);
    expect(filled('replica-2')).toBeGreaterThan(0);
    expect(filled('replica-2')).toBeGreaterThan(filled('replica-1'));
    expect(filled('replica-2')).toBeGreaterThan(filled('replica-3'));
    // Only replica-2 hears the bus late: its bus lag (the console's chart) near 200 ms, the others' far below.
    const seconds = Math.ceil((Date.parse(results.endedAt) - Date.parse(results.startedAt)) / 1000);
    const lag = await perReplica(
      lab,
      `histogram_quantile(0.5, sum by (le, replica) (increase(swagboard_bus_receive_lag_seconds_bucket{job="swagboard"}[${seconds}s])))`,
      new Date(results.endedAt),
    );
    expect(lag['replica-2']).toBeGreaterThan(0.15);
    expect(lag['replica-1']).toBeLessThan(0.05);
    expect(lag['replica-3']).toBeLessThan(0.05);
  }, 180_000);
});

describe("on a lab with the backpressure scenario's settings", () => {
  const defaults = loadSuitesFile().scenarios.backpressure!;
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({
      replicas: defaults.replicas ?? 2,
      serverEnv: defaults.serverEnv ?? {},
      socketBufferBytes: defaults.socketBufferBytes,
      traces: false,
    });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('4. starve slow consumers: closed with 4008, while fast readers on the same board are never dropped and stay fast', async () => {
    // The scenario's defaults (30 s: slow readers join at 12 s and need ~10 s to overflow) and its plan, slow-share.
    const { results } = await runOn(lab, 'backpressure', 'backpressure');
    expect(results.chaos.map((c) => `${c.action} ${c.target}`)).toEqual(['bandwidth client.slow']);
    expect(count(results, 'swag_slow_consumer_disconnects')).toBeGreaterThan(0);
    // Fast readers close their own sockets at the end (1000); the server never closed one.
    const fastDrops = await queryInstant(
      lab.endpoints.prometheusUrl,
      `sum by (code) (max_over_time(k6_swag_disconnects_total{run_id="${results.runId}", group="fast"}[10m]))`,
      new Date(),
    );
    expect(fastDrops.error).toBeUndefined();
    expect(
      fastDrops.samples
        .filter((s) => s.value > 0 && !['none', '1000', '1005'].includes(s.labels.code ?? ''))
        .map((s) => s.labels),
    ).toEqual([]);
    expect(metric(results, 'swag_broadcast_latency{group:fast,mix:alone,phase:steady}')?.values.med).toBeGreaterThan(0);
    expect(
      metric(results, 'swag_broadcast_latency{group:fast,mix:with-slow,phase:steady}')?.values['p(95)'],
    ).toBeLessThan(500);
    // The server's own count of 4008 closes (clients often see the TCP close first).
    const closes = await queryInstant(
      lab.endpoints.prometheusUrl,
      'sum(swagboard_ws_slow_consumer_disconnects_total)',
      new Date(),
    );
    expect(closes.samples[0]?.value ?? 0).toBeGreaterThan(0);
  }, 180_000);
});

describe('on a 3-replica NATS lab', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ replicas: 3, bus: 'nats', traces: false });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('5. Redis against NATS: one cell of two runs per bus, and a winner named only where the repeats do not overlap', async () => {
    for (const name of ['nats-1', 'nats-2']) {
      const run = await runOn(lab, 'cross-node-latency', name, CROSS_NODE_ARGS);
      expect(run.results.settings.bus).toBe('nats');
      runDirs.nats.push(run.dir);
    }
    expect(runDirs.redis).toHaveLength(2);
    const out = join(outRoot, 'compare');
    await cli(['compare', ...runDirs.redis, ...runDirs.nats, '--out', out]);
    const { groups } = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8')) as {
      groups: ComparisonGroup[];
    };
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.runIds.redis).toHaveLength(2);
    expect(group!.runIds.nats).toHaveLength(2);
    const busHop = group!.measures.find((m) => m.measure.id === 'bus-hop-p50');
    expect(busHop?.redis?.n).toBe(2);
    expect(busHop?.nats?.n).toBe(2);
    for (const m of group!.measures) {
      if (!m.redis || !m.nats) continue;
      const overlap = m.nats.min <= m.redis.max && m.redis.min <= m.nats.max;
      if (overlap) {
        expect(m.verdict, m.sentence).toBe('within-noise');
      } else {
        expect(m.winner, m.sentence).toBeDefined();
        const [winner, loser] = m.winner === 'redis' ? [m.redis, m.nats] : [m.nats, m.redis];
        const better = (m.measure.better ?? 'lower') === 'lower' ? winner.max < loser.min : winner.min > loser.max;
        expect(better, m.sentence).toBe(true);
      }
    }
  }, 240_000);
});
