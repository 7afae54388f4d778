// Commit benchmark: task creates on ONE board straight into BoardService (no HTTP, no WebSocket, local bus),
// against a real Postgres container. Prints sustained commits/s for N closed-loop writers, then create latency
// at a fixed open-loop rate. A script that prints figures, not a test; every loop is bounded in time and count.
//   tsx server/bench/commit-bench.ts [--seconds 5] [--writers 1,8,32,128] [--rate 20] [--rate-seconds 10]
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startPostgres } from "../../test/support/services.ts";
import { BoardService } from "../board/board-service.ts";
import { Fanout } from "../bus/fanout.ts";
import { LocalBus } from "../bus/local-bus.ts";
import { createMetrics } from "../metrics.ts";
import { BoardStore } from "../store/board-store.ts";
import { migrate, readMigrations } from "../store/migrate.ts";
import { createPool } from "../store/pool.ts";
import { testLogger } from "../testing/test-logger.ts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    writers: { type: "string", default: "1,8,32,128" },
    rate: { type: "string", default: "20" },
    "rate-seconds": { type: "string", default: "10" },
  },
});
const SECONDS = Math.min(60, Math.max(1, Number(args.seconds)));
const WRITERS = String(args.writers).split(",").map(Number).filter((n) => n >= 1 && n <= 2000);
const RATE = Math.min(5000, Math.max(1, Number(args.rate)));
const RATE_SECONDS = Math.min(60, Math.max(1, Number(args["rate-seconds"])));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

const postgres = await startPostgres();
const log = testLogger();
const pool = createPool(postgres.url, log);
try {
  await migrate(pool, await readMigrations());
  const metrics = createMetrics("bench");
  const store = new BoardStore(pool, metrics);
  const fanout = new Fanout({ bus: new LocalBus(), replica: "bench", metrics, log, clock: Date.now });
  const service = new BoardService({ store, fanout, replica: "bench", clock: Date.now, metrics } as ConstructorParameters<typeof BoardService>[0]);
  console.log(`commit-bench: ${cpus().length} cpus, node ${process.version}, load ${load()}, ${SECONDS}s per run`);

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
    console.log(`writers=${String(writers).padStart(4)}  commits/s=${(committed / elapsed).toFixed(0).padStart(6)}  failed=${failed}  load ${load()}`);
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
    pending.push(service.createTask(board, { title: `rate #${i}`, column: "todo" }).then(() => void latencies.push(performance.now() - sent)));
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
