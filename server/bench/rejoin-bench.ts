// Rejoin benchmark: what a deploy avalanche costs one replica. N clients that missed a few events reconnect at
// once and resume (hello with `since`); each is timed to its welcome and to the last event it missed. The
// replica runs in this thread, the clients in a worker, so this thread's CPU is the server's (plus one writer).
// A script that prints figures, not a test; real Postgres and Redis from the project's images.
//   tsx server/bench/rejoin-bench.ts [--clients 150] [--rounds 10] [--missed 5] [--profile-dir DIR]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { percentile } from '../../harness/runner/metrics/sinks.ts';
import { startPostgres, startRedis } from '../../harness/services/start-service.ts';
import { createServer } from '../app.ts';
import { parseConfig } from '../config.ts';
import { testLogger } from '../testing/test-logger.ts';
import { startProfile, threadCpuMicros } from './thread-profile.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '150' },
    rounds: { type: 'string', default: '10' },
    missed: { type: 'string', default: '5' },
    'profile-dir': { type: 'string' },
  },
});
function wholeNumber(name: 'clients' | 'rounds' | 'missed', min: number, max: number): number {
  const value = Number(args[name]);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  console.error(`invalid --${name}; expected a whole number from ${min} to ${max}, got "${args[name]}"`);
  process.exit(2);
}
const CLIENTS = wholeNumber('clients', 1, 5000);
const ROUNDS = wholeNumber('rounds', 1, 100);
const MISSED = wholeNumber('missed', 0, 100);
const BOARD = `rejoin-${process.pid}`;

/** The runner's percentile (linear between closest ranks), so these figures read like a run's summary. */
const quantile = (values: number[], q: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    q * 100,
  );

/** One writer connection: creates tasks one at a time; `seq` is the board's seq as of the last ack. */
async function writer(wsUrl: string) {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  let seq = 0;
  const waiting = new Map<string, () => void>();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'hello', v: 1, user: 'rejoin-writer', boards: [{ board: BOARD }] })),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        ref?: string;
        seq?: number;
        boards?: { seq: number }[];
      };
      if (message.type === 'welcome') {
        seq = message.boards?.[0]?.seq ?? 0;
        resolve();
      }
      // An ack carries its event's seq: the event is in Postgres and on the bus by then.
      if (message.type === 'ack' && message.ref) {
        seq = Math.max(seq, message.seq ?? 0);
        waiting.get(message.ref)?.();
      }
    });
  });
  let refs = 0;
  return {
    get seq() {
      return seq;
    },
    async create(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const ref = `w${++refs}`;
        const acked = new Promise<void>((resolve) => waiting.set(ref, resolve));
        socket.send(
          JSON.stringify({ type: 'task.create', ref, board: BOARD, title: `missed ${refs}`, column: 'todo' }),
        );
        await acked;
      }
    },
    close: () => socket.close(),
  };
}

async function main(): Promise<void> {
  console.log(
    `rejoin bench: ${CLIENTS} clients × ${ROUNDS} rounds, ${MISSED} missed events each; ` +
      `${cpus().length}× ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0]!.toFixed(2)}, node ${process.version}`,
  );
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const server = await createServer(
    parseConfig({
      SWAGBOARD_DATABASE_URL: postgres.url,
      SWAGBOARD_REDIS_URL: redis.url,
      SWAGBOARD_BUS: 'redis',
      SWAGBOARD_PORT: '0',
      SWAGBOARD_METRICS_PORT: '0',
      SWAGBOARD_REPLICA: 'bench',
      SWAGBOARD_AUTH: 'open',
      SWAGBOARD_LOG_LEVEL: 'silent',
    }),
    { log: testLogger(), host: '127.0.0.1' },
  );
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`;
  const worker = new Worker(new URL('./rejoin-worker.mjs', import.meta.url), {
    workerData: { url: wsUrl, count: CLIENTS, board: BOARD },
  });
  const write = await writer(wsUrl);
  await write.create(20);
  const round = (since: number, until: number) =>
    new Promise<{ welcome: number[]; caughtUp: number[] }>((resolve, reject) => {
      worker.once('message', (m: { kind: string; message?: string; welcome: number[]; caughtUp: number[] }) =>
        m.kind === 'round' ? resolve(m) : reject(new Error(m.message)),
      );
      worker.postMessage({ since, until });
    });
  try {
    await round(write.seq, write.seq); // warm-up: JIT, first plans, pool connections
    const profiler = await startProfile(args['profile-dir']);
    const welcome: number[] = [];
    const caughtUp: number[] = [];
    let cpu = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const since = write.seq;
      await write.create(MISSED);
      const before = threadCpuMicros();
      const times = await round(since, write.seq);
      cpu += threadCpuMicros() - before;
      welcome.push(...times.welcome);
      caughtUp.push(...times.caughtUp);
    }
    await profiler?.('rejoin');
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `welcome   p50 ${ms(quantile(welcome, 0.5))}  p95 ${ms(quantile(welcome, 0.95))}  max ${ms(Math.max(...welcome))}`,
    );
    console.log(
      `caught up p50 ${ms(quantile(caughtUp, 0.5))}  p95 ${ms(quantile(caughtUp, 0.95))}  max ${ms(Math.max(...caughtUp))}`,
    );
    console.log(`server CPU ${(cpu / 1000 / (ROUNDS * CLIENTS)).toFixed(3)} ms per rejoin`);
  } finally {
    write.close();
    await worker.terminate();
    await server.close();
    await Promise.allSettled([postgres.stop(), redis.stop()]);
  }
}

await main();
