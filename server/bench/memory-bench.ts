// Replica memory benchmark: the production bundle in its own process (as in the lab's image), idle and with
// thousands of WebSocket connections. Prints RSS and V8 heap from /proc and /metrics, then what each extra
// connection costs. A script that prints figures, not a test; traffic stays on 127.0.0.1.
//   tsx server/bench/memory-bench.ts [--connections 1000,2000,5000] [--boards 10] [--node-options "--enable-source-maps"]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { startPostgres } from '../../harness/services/start-service.ts';
import { buildServer } from '../build.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000,2000,5000' },
    boards: { type: 'string', default: '10' },
    'node-options': { type: 'string', default: '' },
    port: { type: 'string', default: '18931' },
  },
});
const STEPS = String(args.connections)
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 15_000)
  .sort((a, b) => a - b);
const BOARDS = Math.min(1000, Math.max(1, Number(args.boards)));
const PORT = Number(args.port);
const METRICS_PORT = PORT + 1; // /metrics has its own port (SWAGBOARD_METRICS_PORT)
const SETTLE_MS = 3000;

const dist = await mkdtemp(join(tmpdir(), 'swagboard-membench-'));
const postgres = await startPostgres();
const server = await (async () => {
  await buildServer(dist);
  const child = spawn(process.execPath, [join(dist, 'server.mjs')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NODE_OPTIONS: String(args['node-options']),
      SWAGBOARD_PORT: String(PORT),
      SWAGBOARD_METRICS_PORT: String(METRICS_PORT),
      SWAGBOARD_REPLICA: 'membench',
      SWAGBOARD_DATABASE_URL: postgres.url,
      SWAGBOARD_BUS: 'none',
      SWAGBOARD_AUTH: 'open',
      SWAGBOARD_LOG_LEVEL: 'warn',
      SWAGBOARD_MAX_CONNECTIONS: '20000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
})();
const base = `http://127.0.0.1:${PORT}`;
const sockets: WebSocket[] = [];

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error('server did not become healthy in 20 s');
}

async function measure(): Promise<{ rssMiB: number; heapMiB: number; externalMiB: number }> {
  await sleep(SETTLE_MS);
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  const metrics = await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
  const gauge = (name: string) =>
    Number(new RegExp(`^${name}\\{[^}]*\\} ([0-9.e+]+)$`, 'm').exec(metrics)?.[1] ?? NaN) / 1048576;
  return {
    rssMiB: rssKiB / 1024,
    heapMiB: gauge('swagboard_nodejs_heap_size_used_bytes'),
    externalMiB: gauge('swagboard_nodejs_external_memory_bytes'),
  };
}

function connect(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`);
    socket.once('open', () =>
      socket.send(
        JSON.stringify({ type: 'hello', v: 1, user: `u${index}`, boards: [{ board: `mem-${index % BOARDS}` }] }),
      ),
    );
    socket.on('message', (data) => {
      if (String(data).includes('"welcome"')) resolve();
    });
    socket.once('error', reject);
    sockets.push(socket);
  });
}

try {
  await waitHealthy();
  const rows: { connections: number; rssMiB: number; heapMiB: number; externalMiB: number }[] = [
    { connections: 0, ...(await measure()) },
  ];
  for (const target of STEPS) {
    while (sockets.length < target) {
      const batch = Array.from({ length: Math.min(200, target - sockets.length) }, (_, i) =>
        connect(sockets.length + i),
      );
      await Promise.all(batch);
    }
    rows.push({ connections: target, ...(await measure()) });
  }
  const idle = rows[0]!;
  console.log(
    `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  );
  console.log(
    `settings: ${BOARDS} boards, NODE_OPTIONS="${args['node-options']}", bus none, auth open, settle ${SETTLE_MS} ms per step`,
  );
  console.log('connections | RSS MiB | heap used MiB | external MiB | KiB per extra connection (RSS)');
  for (const row of rows) {
    const perConnection =
      row.connections === 0 ? '' : (((row.rssMiB - idle.rssMiB) * 1024) / row.connections).toFixed(1);
    console.log(
      `${String(row.connections).padStart(11)} | ${row.rssMiB.toFixed(1).padStart(7)} | ${row.heapMiB.toFixed(1).padStart(13)} | ${row.externalMiB.toFixed(1).padStart(12)} | ${perConnection}`,
    );
  }
} finally {
  for (const socket of sockets) socket.terminate();
  server.kill('SIGKILL');
  await postgres.stop();
  await rm(dist, { recursive: true, force: true });
}
