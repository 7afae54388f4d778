// Commit benchmark: task creates on ONE board straight into BoardService (no HTTP, no WebSocket, local bus),
// against a real Postgres container. Prints sustained commits/s for N closed-loop writers, then create latency
// at a fixed open-loop rate. A script that prints figures, not a test; every loop is bounded in time and count.
//   tsx server/bench/commit-bench.ts [--seconds 5] [--writers 1,8,32,128] [--rate 20] [--rate-seconds 10]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startPostgres } from '../../harness/services/start-service.ts';
import { BoardService } from '../board/board-service.ts';
import { systemClock } from '../clock.ts';
import { Fanout } from '../bus/fanout.ts';
import { LocalBus } from '../bus/local-bus.ts';
import { parseConfig } from '../config.ts';
import { createMetrics } from '../metrics.ts';
import { BoardStore } from '../store/board-store.ts';
import { migrate, readMigrations } from '../store/migrate.ts';
import { createPool } from '../store/pool.ts';
import { testLogger } from '../testing/test-logger.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    writers: { type: 'string', default: '1,8,32,128' },
    rate: { type: 'string', default: '20' },
    'rate-seconds': { type: 'string', default: '10' },
  },
});
const SECONDS = Math.min(60, Math.max(1, Number(args.seconds)));
const WRITERS = String(args.writers)
  .split(',')
  .map(Number)
  .filter((n) => n >= 1 && n <= 2000);
const RATE = Math.min(5000, Math.max(1, Number(args.rate)));
const RATE_SECONDS = Math.min(60, Math.max(1, Number(args['rate-seconds'])));

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const postgres = await startPostgres();
/** Postgres' CPU time in ms from its container's cgroup (v1 cpuacct, else v2 cpu.stat); NaN where neither is readable. */
const postgresCpuMs = (): number => {
  const id = postgres.container.getId();
  for (const [path, parse] of [
    [`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, (text: string) => Number(text) / 1e6],
    [
      `/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`,
      (text: string) => Number(/usage_usec (\d+)/.exec(text)?.[1]) / 1e3,
    ],
  ] as const) {
    try {
      return parse(readFileSync(path, 'utf8'));
    } catch {
      // try the next layout
    }
  }
  return NaN;
};
const nodeCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const log = testLogger();
const pool = createPool(postgres.url, log);
try {
  await migrate(pool, await readMigrations());
  const metrics = createMetrics('bench');
  const store = new BoardStore(pool, metrics);
  const fanout = new Fanout({ bus: new LocalBus(), replica: 'bench', metrics, log, clock: systemClock });
  // The server's default bound; the closed-loop writers never reach it.
  const { maxPendingWrites } = parseConfig({
    SWAGBOARD_DATABASE_URL: postgres.url,
    SWAGBOARD_BUS: 'none',
    SWAGBOARD_AUTH: 'open',
  });
  const service = new BoardService({ store, fanout, replica: 'bench', clock: systemClock, metrics, maxPendingWrites });
  console.log(`commit-bench: ${cpus().length} cpus, node ${process.version}, load ${load()}, ${SECONDS}s per run`);

  /** Mean changes per statement since the last call (absent on code without group commit). */
  let seen = { count: 0, sum: 0 };
  const batchSizes = async () => {
    const histogram = (
      metrics as { commitBatchSize?: { get(): Promise<{ values: { metricName?: string; value: number }[] }> } }
    ).commitBatchSize;
    if (!histogram) return 'batch=n/a';
    const values = (await histogram.get()).values;
    const now = {
      count: values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0,
      sum: values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0,
    };
    const mean = (now.sum - seen.sum) / Math.max(1, now.count - seen.count);
    seen = now;
    return `batch=${mean.toFixed(1)}`;
  };

  // What the machine allows: one round trip, and one durable single-row commit (WAL flush), sequentially.
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id serial PRIMARY KEY, at timestamptz DEFAULT now())');
  for (const [label, sql] of [
    ['SELECT 1', 'SELECT 1'],
    ['INSERT autocommit', 'INSERT INTO bench_floor DEFAULT VALUES'],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const sent = performance.now();
      await pool.query(sql);
      samples.push(performance.now() - sent);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `floor ${label}: p50=${quantile(samples, 0.5).toFixed(2)} ms  p99=${quantile(samples, 0.99).toFixed(2)} ms  load ${load()}`,
    );
  }

  let boards = 0;
  const freshBoard = async () => {
    const board = `bench-${++boards}`;
    await service.openBoards([board]);
    return board;
  };

  for (const writers of WRITERS) {
    const board = await freshBoard();
    let committed = 0;
    let failed = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const cpuBefore = { node: nodeCpuMs(), postgres: postgresCpuMs() };
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let n = 0; performance.now() < deadline && n < 1_000_000; n++) {
          try {
            await service.createTask(board, { title: `w${w} #${n}`, column: `c${n % 4}` });
            committed++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const perCommit = (ms: number) => (ms / Math.max(1, committed)).toFixed(3);
    const cpu = `cpu-ms/commit node=${perCommit(nodeCpuMs() - cpuBefore.node)} postgres=${perCommit(postgresCpuMs() - cpuBefore.postgres)}`;
    console.log(
      `writers=${String(writers).padStart(4)}  commits/s=${(committed / elapsed).toFixed(0).padStart(6)}  failed=${failed}  ${await batchSizes()}  ${cpu}  load ${load()}`,
    );
  }

  const board = await freshBoard();
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const count = RATE * RATE_SECONDS;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    pending.push(
      service
        .createTask(board, { title: `rate #${i}`, column: 'todo' })
        .then(() => void latencies.push(performance.now() - sent)),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  console.log(
    `create latency at ${RATE}/s for ${RATE_SECONDS}s: p50=${quantile(latencies, 0.5).toFixed(2)} ms  p99=${quantile(latencies, 0.99).toFixed(2)} ms  max=${(latencies.at(-1) ?? NaN).toFixed(2)} ms  load ${load()}`,
  );
} finally {
  await pool.end();
  await postgres.stop();
}
