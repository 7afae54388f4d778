// Every catalogue query, every dashboard variable's own query and the chaos
// annotation query, run against a live lab's Prometheus after real traffic:
// two short real runs of the project's runner (remote write, tagged with a
// run id, the way `swaglab run` streams them) with a replica killed by the
// chaos player in between, whose start and end the lab writes as
// swag_fault_active; then a slow consumer for real, so the server drops
// messages and counts client errors. None may error, and each must return
// data, each operand of an `or` on its own. This is what
// keeps the dashboards (and the report's charts) honest about the metric
// names and labels the server, the exporters, the runner and the lab publish.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlinePlayer } from '../harness/run/chaos-player.ts';
import { FaultSeriesWriter } from '../harness/run/fault-series-writer.ts';
import { startLab, type Lab } from '../harness/lab/index.ts';
import { BoardClient } from '../harness/lab/testing/board-client.ts';
import { driveTraffic } from '../harness/lab/testing/drive-traffic.ts';
import { runScript } from '../harness/runner/index.ts';
import { RemoteWriteOutput, remoteWriteConfigFromEnv } from '../harness/runner/outputs/prometheus-rw/index.ts';
import type { ChaosEvent } from '../reports/results.ts';
import { CATALOGUE, type QueryFilters } from './catalogue.ts';
import { faultAnnotationExpr } from './fault-series.ts';
import { LABEL_VARIABLES } from './variables.ts';

const RUN_ID = `live-queries-${Date.now()}`;
let lab: Lab;
let outDir: string;
let faults: ChaosEvent[] = [];
let runsStartedAt = 0;

async function prometheus<T>(
  path: string,
  params: Record<string, string | string[]>,
): Promise<{ error?: string; data?: T }> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const one of [value].flat()) search.append(key, one);
  const response = await fetch(`${lab.endpoints.prometheusUrl}${path}?${search}`);
  const body = (await response.json()) as { status: string; error?: string; data?: T };
  return body.status === 'success' ? { data: body.data } : { error: body.error ?? `HTTP ${response.status}` };
}

async function instantQuery(expr: string): Promise<{ error?: string; series: number }> {
  const { error, data } = await prometheus<{ result: unknown[] }>('/api/v1/query', { query: expr });
  return { ...(error ? { error } : {}), series: data?.result.length ?? 0 };
}

/** Grafana's label_values(metric, label), asked of Prometheus directly. */
async function labelValues(metric: string, label: string): Promise<string[]> {
  const { error, data } = await prometheus<string[]>(`/api/v1/label/${label}/values`, { 'match[]': metric });
  if (error) throw new Error(`label values of ${label} on ${metric}: ${error}`);
  return data ?? [];
}

/** Polls (bounded) until every expression returns series: rates need two scrapes after the traffic. */
async function failingQueries(queries: ReadonlyArray<{ name: string; expr: string }>): Promise<string[]> {
  let failing: string[] = [];
  const deadline = Date.now() + 20_000;
  do {
    const results = await Promise.all(queries.map(async (q) => ({ q, result: await instantQuery(q.expr) })));
    failing = results
      .filter(({ result }) => result.error || result.series === 0)
      .map(({ q, result }) => `${q.name}: ${result.error ?? 'no series'}  [${q.expr}]`);
    if (failing.length > 0) await sleep(1000);
  } while (failing.length > 0 && Date.now() < deadline);
  return failing;
}

/**
 * The operands of an expression's top-level `or`s. Each is checked on its own: a counter without labels is
 * exported as 0 from the start, so one operand would otherwise make the whole expression "return data" while
 * another names a metric or label nothing publishes.
 */
function orOperands(expr: string): string[] {
  const operands: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth === 0 && expr.startsWith(' or ', i)) {
      operands.push(expr.slice(start, i));
      start = i + 4;
    }
  }
  return [...operands, expr.slice(start)];
}

/** Every catalogue query, split into its `or` operands (named `id [or N]`). */
function catalogueOperands(
  exprOf: (q: (typeof CATALOGUE)[number]) => string,
  suffix = '',
): Array<{ name: string; expr: string }> {
  return CATALOGUE.flatMap((q) => {
    const operands = orOperands(exprOf(q));
    return operands.map((expr, i) => ({
      name: `${q.id}${operands.length > 1 ? ` [or ${i + 1}]` : ''}${suffix}`,
      expr,
    }));
  });
}

beforeAll(async () => {
  // Small send queues and socket buffers, as the backpressure suite has them, so a throttled reader overflows in seconds.
  lab = await startLab({
    replicas: 2,
    bus: 'redis',
    scrapeIntervalSeconds: 1,
    traces: false,
    socketBufferBytes: 32 * 1024,
    serverEnv: { SWAGBOARD_SOFT_QUEUE_BYTES: String(16 * 1024), SWAGBOARD_HARD_QUEUE_BYTES: String(256 * 1024) },
  });
  outDir = await mkdtemp(join(tmpdir(), 'live-queries-'));
  const env = {
    SWAGBOARD_URL: lab.endpoints.clientUrl,
    SWAGBOARD_SLOW_URL: lab.endpoints.slowClientUrl,
    RUN_ID,
    REPLICAS: '2',
  };
  // The runner's series reach Prometheus by remote write, tagged with run_id, as in `swaglab run`.
  const remoteWrite = new RemoteWriteOutput(
    remoteWriteConfigFromEnv(
      { K6_PROMETHEUS_RW_SERVER_URL: `${lab.endpoints.prometheusUrl}/api/v1/write` },
      { run_id: RUN_ID },
    ),
  );
  const faultSeries = new FaultSeriesWriter(`${lab.endpoints.prometheusUrl}/api/v1/write`, { run_id: RUN_ID });
  remoteWrite.start();
  runsStartedAt = Date.now();
  try {
    // Reconnect with replica-2 killed for 4 s: connection drops, reconnects and a fault with a start and an end.
    const stop = new AbortController();
    const played = inlinePlayer('{ name: kill, steps: [{ at: 3s, do: kill, on: replica-2, for: 4s }] }')(lab, {
      signal: stop.signal,
      log: () => {},
      onFault: faultSeries.record,
    });
    const reconnect = await runScript({
      scriptPath: 'scenarios/reconnect.ts',
      env: { ...env, VUS: '4', DURATION: '12s', EXPECT_RECONNECTS: '1' },
      quiet: true,
      outputDir: outDir,
      onSample: remoteWrite.onSample,
    });
    stop.abort(new Error('run ended'));
    faults = await played;
    expect(reconnect.exitCode, reconnect.error ?? reconnect.thresholdsFailed.join(', ')).toBe(0);
    // Cross-node latency: the client-measured broadcast latency trend.
    const latency = await runScript({
      scriptPath: 'scenarios/cross-node-latency.ts',
      env: { ...env, VUS: '4', DURATION: '8s', SESSION_MS: '4000' },
      quiet: true,
      outputDir: outDir,
      onSample: remoteWrite.onSample,
    });
    expect(latency.error).toBeUndefined();
  } finally {
    const written = await remoteWrite.stop();
    expect(written.failures, written.lastError).toBe(0);
    const faultsWritten = await faultSeries.flush();
    expect(faultsWritten).toEqual({ written: 2, failures: 0 });
  }
  // And the lab's own driver, so server-side rates are fresh when the queries run.
  expect(
    await driveTraffic(lab.endpoints.clientUrl, { clients: 4, boards: 2, tasksPerClient: 25, intervalMs: 150 }),
  ).toBe(100);
  await provokeSlowConsumer();
}, 240_000);

/**
 * A reader on client.slow throttled to 2 KB/s, while a writer fills its board with 4000-character notes and a typist
 * types on it: past the soft queue limit the server drops the reader's typing (swagboard_ws_messages_dropped_total).
 * The typist also types once on a board it never joined: a coded client error (swagboard_errors_total). Bounded.
 */
async function provokeSlowConsumer(): Promise<void> {
  const board = 'slow-consumer';
  const reader = await BoardClient.join(lab.endpoints.slowClientUrl, [board], { user: 'slow-reader' });
  const writer = await BoardClient.join(lab.endpoints.clientUrl, [board], { user: 'writer' });
  const typist = await BoardClient.join(lab.endpoints.clientUrl, [board], { user: 'typist' });
  const slow = lab.link('client.slow');
  const toxic = await slow.addToxic({ type: 'bandwidth', stream: 'downstream', attributes: { rate: 2 } });
  try {
    typist.send({ type: 'typing', board: 'never-joined' });
    const refused = await typist.next((f) => f.type === 'error');
    expect(refused.code).toBe('E_UNKNOWN_BOARD');
    const { taskId } = await writer.createTask(board, "fills the slow reader's queue");
    const dropped = async () =>
      (await instantQuery('swagboard_ws_messages_dropped_total{job="swagboard"} > 0')).series > 0;
    const deadline = Date.now() + 30_000;
    let updates = 0;
    // Checked once a second: 25 updates and typings a second each stay within the server's rate limit (50 a second per connection).
    while (updates === 0 || updates % 25 !== 0 || !(await dropped())) {
      if (Date.now() > deadline)
        throw new Error(`no message dropped for the slow reader within 30 s (${updates} updates)`);
      const ref = `u${++updates}`;
      writer.send({ type: 'task.update', ref, board, taskId, notes: `${updates}:`.padEnd(4000, 'n') });
      typist.send({ type: 'typing', board, taskId });
      expect((await writer.next((f) => f.ref === ref)).type).toBe('ack');
      await sleep(40);
    }
    console.info(`slow reader: the server dropped messages for it after ${updates} updates of 4000-character notes`);
  } finally {
    await slow.removeToxic(toxic);
    for (const client of [reader, writer, typist]) client.close();
  }
}

afterAll(async () => {
  await lab?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the query catalogue against live Prometheus', () => {
  it("every query evaluates and returns series, the runner's own included", async () => {
    expect(await failingQueries(catalogueOperands((q) => q.expr))).toEqual([]);
    expect(CATALOGUE.filter((q) => /\bk6_/.test(q.expr)).length).toBeGreaterThanOrEqual(4);
  });
});

describe("the dashboards' variables against live Prometheus", () => {
  it('list this run, both replicas and the bus', async () => {
    const values = Object.fromEntries(
      await Promise.all(LABEL_VARIABLES.map(async (v) => [v.name, await labelValues(v.metric, v.labelName)] as const)),
    );
    expect(values.run_id).toContain(RUN_ID);
    expect(values.replica).toEqual(['replica-1', 'replica-2']);
    expect(values.bus).toEqual(['redis']);
  });

  it('narrow every filtered query to a chosen value, and "All" (.*) to what the report sees', async () => {
    const chosen: Required<QueryFilters> = { replica: 'replica-2', bus: 'redis', runId: RUN_ID };
    const filtered = CATALOGUE.filter((q) => q.filteredBy.length > 0);
    expect(filtered.length).toBeGreaterThan(20);
    expect(await failingQueries(filtered.map((q) => ({ name: `${q.id} (chosen)`, expr: q.exprFor(chosen) })))).toEqual(
      [],
    );
    expect(
      await failingQueries(
        filtered.map((q) => ({ name: `${q.id} (All)`, expr: q.exprFor({ replica: '.*', bus: '.*', runId: '.*' }) })),
      ),
    ).toEqual([]);
    // A value no series has empties the panel: the filter really filters.
    const none = await Promise.all(
      filtered.map(async (q) => ({
        id: q.id,
        ...(await instantQuery(q.exprFor({ replica: 'no-such', bus: 'no-such', runId: 'no-such' }))),
      })),
    );
    expect(none.filter((r) => r.error || r.series > 0)).toEqual([]);
    // Per-replica panels show only the chosen replica.
    const perReplica = await prometheus<{ result: Array<{ metric: Record<string, string> }> }>('/api/v1/query', {
      query: CATALOGUE.find((q) => q.id === 'ws-connections-per-replica')!.exprFor(chosen),
    });
    expect(perReplica.data?.result.map((r) => r.metric.replica)).toEqual(['replica-2']);
  });
});

describe('the chaos annotation against live Prometheus', () => {
  it("marks the killed replica from the fault's start to its end, for this run only", async () => {
    expect(faults.map((f) => `${f.action} ${f.target}`)).toEqual(['kill replica-2']);
    const [fault] = faults as [ChaosEvent];
    const start = Date.parse(fault.start) / 1000;
    const end = Date.parse(fault.end!) / 1000;
    const range = (expr: string) =>
      prometheus<{ result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }>(
        '/api/v1/query_range',
        {
          query: expr,
          start: String(runsStartedAt / 1000 - 5),
          end: String(Date.now() / 1000),
          step: '1',
        },
      );
    const forRun = await range(faultAnnotationExpr(RUN_ID));
    expect(forRun.error).toBeUndefined();
    expect(forRun.data!.result.map((r) => r.metric)).toEqual([
      { fault: 'kill', target: 'replica-2', step: '1', run_id: RUN_ID },
    ]);
    const times = forRun.data!.result[0]!.values.map(([t]) => t);
    // One region, at 1 s resolution: from the first step at or after the start to the last step before the end.
    expect(times[0]).toBeGreaterThanOrEqual(start - 0.001);
    expect(times[0]).toBeLessThan(start + 1.001);
    expect(times.at(-1)).toBeLessThan(end + 0.001);
    expect(times.at(-1)).toBeGreaterThan(end - 1.001);
    expect(times.length).toBeGreaterThanOrEqual(Math.floor(end - start) - 1);
    // "All" runs (.*) shows it too; another run's id does not.
    expect((await range(faultAnnotationExpr('.*'))).data!.result).toHaveLength(1);
    expect((await range(faultAnnotationExpr('another-run'))).data!.result).toHaveLength(0);
  });

  it("keeps a fault longer than Prometheus' 5-minute lookback marked until its end", async () => {
    // Written through the same writer, with the times of a 9-minute fault that ended a minute ago.
    const runId = `${RUN_ID}-long`;
    const writer = new FaultSeriesWriter(`${lab.endpoints.prometheusUrl}/api/v1/write`, { run_id: runId });
    const now = Math.floor(Date.now() / 1000) * 1000;
    const start = now - 10 * 60_000;
    const end = now - 60_000;
    writer.record({ action: 'down', target: 'replica-1.bus', step: 1, active: true, at: start });
    writer.record({ action: 'down', target: 'replica-1.bus', step: 1, active: false, at: end });
    expect(await writer.flush()).toEqual({ written: 2, failures: 0 });
    const { error, data } = await prometheus<{ result: Array<{ values: Array<[number, string]> }> }>(
      '/api/v1/query_range',
      {
        query: faultAnnotationExpr(runId),
        start: String((start - 60_000) / 1000),
        end: String(now / 1000),
        step: '15',
      },
    );
    expect(error).toBeUndefined();
    const times = data!.result[0]!.values.map(([t]) => t * 1000);
    expect(times[0]).toBe(start);
    expect(times.at(-1)).toBe(end - 15_000);
    expect(times).toHaveLength((end - start) / 15_000);
  });
});
