// Fan-out benchmark: N WebSocket subscribers of one board, task events published continuously, against a bare
// `ws` broadcast loop as the baseline. A script that prints figures, not a test. Traffic stays on 127.0.0.1 and
// the project's own containers; every loop is bounded in time and count.
// Each SwagBoard run goes once unbatched (plain `event` frames, as every v1 client gets) and once batched (hello
// with "batch": true: `events` frames), with a wider window in flight so that there is something to batch.
//   tsx server/bench/fanout-bench.ts [--seconds 10] [--subscribers 1000] [--window 8] [--batch-window 64]
//     [--buses redis,nats] [--runs raw,command,bus-1,bus-2] [--modes unbatched,batched]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { WebSocket, WebSocketServer } from 'ws';
import { startNats, startPostgres, startRedis, type RunningService } from '../../harness/services/start-service.ts';
import { createServer, type SwagServer } from '../app.ts';
import type { BoardEvent } from '../board/board-event.ts';
import type { Bus } from '../bus/bus.ts';
import { boardChannel, ENVELOPE_VERSION, type BusEnvelope } from '../bus/bus-envelope.ts';
import { createBus } from '../bus/create-bus.ts';
import { parseConfig } from '../config.ts';
import { testLogger } from '../testing/test-logger.ts';
import { startProfile, threadCpuMicros } from './thread-profile.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    subscribers: { type: 'string', default: '1000' },
    window: { type: 'string', default: '8' },
    'batch-window': { type: 'string', default: '64' },
    runs: { type: 'string', default: 'raw,command,bus-1,bus-2' },
    modes: { type: 'string', default: 'unbatched,batched' },
    /** Writes a CPU profile of the main thread (server and publisher) during each run's measured window here. */
    'profile-dir': { type: 'string' },
    'title-bytes': { type: 'string', default: '100' },
    buses: { type: 'string', default: 'redis,nats' },
  },
});
const SECONDS = Math.min(120, Math.max(1, Number(args.seconds)));
const SUBSCRIBERS = Math.min(20_000, Math.max(1, Number(args.subscribers)));
/** Events published but not yet received by every subscriber; the publisher waits above it (closed loop). */
const WINDOW = Math.min(1000, Math.max(1, Number(args.window)));
/** The same, for batched runs: a batch can only hold what is in flight. */
const BATCH_WINDOW = Math.min(1000, Math.max(1, Number(args['batch-window'])));
const RUNS = new Set(String(args.runs).split(','));
type Mode = 'unbatched' | 'batched';
const MODES = String(args.modes)
  .split(',')
  .filter((mode): mode is Mode => mode === 'unbatched' || mode === 'batched');
const TITLE_BYTES = Math.min(400, Math.max(1, Number(args['title-bytes'])));
const BUSES = String(args.buses)
  .split(',')
  .filter((bus): bus is 'redis' | 'nats' => bus === 'redis' || bus === 'nats');
/** No event fully delivered for this long ends a run early (reported), instead of waiting forever. */
const STALL_MS = 5_000;
const MAX_SAMPLES = 4_000_000;

const now = () => performance.timeOrigin + performance.now();
let runs = 0;
const nextBoard = () => `bench-${process.pid}-${++runs}`;
const TITLE = 't'.repeat(TITLE_BYTES);

interface Figures {
  label: string;
  deliveriesPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  frameBytes: number;
  stalled: boolean;
  /** Subscribers the server closed during the run (e.g. backpressure). */
  closed: number;
  /** CPU time of the server's thread (the main thread: server, publisher) per delivery, in µs: unlike rates, not skewed by a busy machine. */
  cpuMicrosPerDelivery: number;
}

interface Subscribers {
  worker: Worker;
  onDone(listener: (seq: number, frameBytes: number) => void): void;
  start(): void;
  stop(): Promise<{ deliveries: number; p50: number; p99: number; max: number; closed: number }>;
}

async function subscribe(urls: string[], mode: 'swag' | 'swag-batched' | 'raw', board = ''): Promise<Subscribers> {
  const worker = new Worker(new URL('./subscriber-worker.mjs', import.meta.url), {
    workerData: { urls, count: SUBSCRIBERS, board, mode, maxSamples: MAX_SAMPLES },
  });
  const listeners: ((seq: number, frameBytes: number) => void)[] = [];
  let stopped:
    ((value: { deliveries: number; p50: number; p99: number; max: number; closed: number }) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on(
      'message',
      (
        message: { kind: string; seq: number; frameBytes: number; message: string } & {
          deliveries: number;
          p50: number;
          p99: number;
          max: number;
          closed: number;
        },
      ) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'failed') reject(new Error(message.message));
        else if (message.kind === 'done') for (const listener of listeners) listener(message.seq, message.frameBytes);
        else if (message.kind === 'stopped') stopped?.(message);
      },
    );
    worker.on('error', reject);
  });
  await ready;
  return {
    worker,
    onDone: (listener) => listeners.push(listener),
    start: () => worker.postMessage({ kind: 'start' }),
    stop: () =>
      new Promise((resolve) => {
        stopped = resolve;
        worker.postMessage({ kind: 'stop' });
      }).then(async (result) => {
        await worker.terminate();
        return result as { deliveries: number; p50: number; p99: number; max: number; closed: number };
      }),
  };
}

/** Publishes through `publish` whenever fewer than WINDOW events are in flight, for SECONDS. */
async function closedLoop(
  label: string,
  subscribers: Subscribers,
  publish: (seq: number) => void,
  window = WINDOW,
): Promise<Figures> {
  let sent = 0;
  let completed = 0;
  let frameBytes = 0;
  let lastProgress = now();
  let wake: (() => void) | undefined;
  subscribers.onDone((_seq, bytes) => {
    completed++;
    frameBytes = bytes;
    lastProgress = now();
    wake?.();
  });
  const profiler = await startProfile(args['profile-dir']);
  subscribers.start();
  const cpuAtStart = threadCpuMicros();
  const started = now();
  const deadline = started + SECONDS * 1000;
  let stalled = false;
  while (now() < deadline) {
    while (sent - completed < window) publish(++sent);
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 50).unref();
    });
    wake = undefined;
    if (now() - lastProgress > STALL_MS) {
      stalled = true;
      break;
    }
  }
  const elapsed = (now() - started) / 1000;
  const cpu = threadCpuMicros() - cpuAtStart;
  const result = await subscribers.stop();
  await profiler?.(label);
  return {
    label,
    deliveriesPerSecond: result.deliveries / elapsed,
    eventsPerSecond: completed / elapsed,
    p50: result.p50,
    p99: result.p99,
    max: result.max,
    frameBytes,
    stalled,
    closed: result.closed,
    cpuMicrosPerDelivery: cpu / Math.max(1, result.deliveries),
  };
}

/** The baseline: a bare ws server sending one prepared frame of the server's frame size to every client. */
async function rawBaseline(frameBytes: number): Promise<Figures> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as { port: number };
  const subscribers = await subscribe([`ws://127.0.0.1:${port}`], 'raw');
  const padTo = (frame: string) =>
    frame.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, frameBytes - frame.length))}"`);
  const figures = await closedLoop('raw ws broadcast', subscribers, (seq) => {
    const frame = padTo(`{"type":"event","seq":${seq},"clientTs":${now()},"pad":""}`);
    for (const client of wss.clients) client.send(frame);
  });
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return figures;
}

function serverEnv(
  postgres: RunningService,
  replica: string,
  bus: 'none' | 'redis' | 'nats',
  busUrl?: string,
): Record<string, string> {
  const env: Record<string, string> = {
    SWAGBOARD_DATABASE_URL: postgres.url,
    SWAGBOARD_PORT: '0',
    SWAGBOARD_METRICS_PORT: '0',
    SWAGBOARD_REPLICA: replica,
    SWAGBOARD_BUS: bus,
    SWAGBOARD_AUTH: 'open',
    SWAGBOARD_LOG_LEVEL: 'silent',
    // The publisher is one connection sending hundreds of commands a second; the limits are not under test.
    SWAGBOARD_RATE_PER_SECOND: '1000000',
    SWAGBOARD_RATE_BURST: '1000000',
    SWAGBOARD_USER_RATE_PER_SECOND: '1000000',
    SWAGBOARD_USER_RATE_BURST: '1000000',
  };
  if (bus === 'redis') env.SWAGBOARD_REDIS_URL = busUrl!;
  if (bus === 'nats') env.SWAGBOARD_NATS_URL = busUrl!;
  return env;
}

/** One WebSocket client that publishes task.create with clientTs on replica `url`, like any client. */
async function publisher(url: string, board: string): Promise<{ publish(seq: number): void; close(): void }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      if (String(data).includes('"type":"welcome"')) resolve();
    });
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'hello', v: 1, user: 'bench-publisher', boards: [{ board }] })),
    );
  });
  return {
    publish: (seq) =>
      socket.send(
        JSON.stringify({ type: 'task.create', ref: `p${seq}`, board, title: TITLE, column: 'todo', clientTs: now() }),
      ),
    close: () => socket.terminate(),
  };
}

const wsUrls = (servers: SwagServer[]) => servers.map((server) => `${server.url.replace(/^http/, 'ws')}/ws`);

/** End to end: task.create from a WebSocket client on the first replica, so each event includes its Postgres commit. */
async function commandRun(label: string, servers: SwagServer[], mode: Mode): Promise<Figures> {
  const board = nextBoard();
  const subscribers = await subscribe(wsUrls(servers), mode === 'batched' ? 'swag-batched' : 'swag', board);
  const client = await publisher(servers[0]!.url, board);
  try {
    return await closedLoop(
      `${label}, ${mode}`,
      subscribers,
      (seq) => client.publish(seq),
      mode === 'batched' ? BATCH_WINDOW : WINDOW,
    );
  } finally {
    client.close();
  }
}

/** A committed-looking task event, as the store would return it. */
function benchEvent(board: string, seq: number): BoardEvent {
  const at = Date.now();
  const task = {
    id: '00000000-0000-4000-8000-000000000000',
    board,
    title: TITLE,
    column: 'todo',
    position: seq - 1,
    notes: '',
    tags: [],
    assignee: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { board, seq, name: 'task.created', data: { task }, origin: 'bench-publisher', at, clientTs: now() };
}

/**
 * The fan-out alone: events enter each replica from the bus, as another replica's would (no Postgres), and
 * leave through its WebSocket sockets. Seqs start at 1 on a fresh board, so every replica's sequencer takes them in order.
 */
async function busRun(label: string, servers: SwagServer[], bus: Bus, mode: Mode): Promise<Figures> {
  const board = nextBoard();
  const subscribers = await subscribe(wsUrls(servers), mode === 'batched' ? 'swag-batched' : 'swag', board);
  return closedLoop(
    `${label}, ${mode}`,
    subscribers,
    (seq) => {
      const envelope: BusEnvelope = {
        v: ENVELOPE_VERSION,
        origin: 'bench-publisher',
        sentAt: Date.now(),
        publishedAt: now(),
        event: benchEvent(board, seq),
      };
      void bus.publish(boardChannel(board), JSON.stringify(envelope));
    },
    mode === 'batched' ? BATCH_WINDOW : WINDOW,
  );
}

const eventFrameBytes = Buffer.byteLength(JSON.stringify({ type: 'event', ...benchEvent('bench-0000000-1', 1) }));

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');
const print = (figures: Figures, baseline?: Figures) =>
  console.log(
    `${figures.label.padEnd(46)} ${Math.round(figures.deliveriesPerSecond).toLocaleString('en-US').padStart(10)} deliveries/s  ${Math.round(figures.eventsPerSecond).toLocaleString('en-US').padStart(6)} events/s  p50 ${ms(figures.p50).padStart(9)}  p99 ${ms(figures.p99).padStart(9)}  frame ${String(figures.frameBytes).padStart(6)} B  server CPU ${figures.cpuMicrosPerDelivery.toFixed(2)} µs/delivery` +
      (baseline
        ? `  ratio ${(figures.deliveriesPerSecond / baseline.deliveriesPerSecond).toFixed(2)} (CPU ${(baseline.cpuMicrosPerDelivery / figures.cpuMicrosPerDelivery).toFixed(2)})`
        : '') +
      (figures.stalled ? '  STALLED' : '') +
      (figures.closed > 0 ? `  ${figures.closed} subscribers closed by the server` : ''),
  );

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model.trim()} × ${cpu.length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `settings: ${SUBSCRIBERS} subscribers of one board (clients in a worker thread), ${SECONDS} s per run, window ${WINDOW} events in flight (batched runs: ${BATCH_WINDOW}), task title ${TITLE_BYTES} B, SWAGBOARD_AUTH=open, rate limits lifted`,
  );
  console.log(
    'deliveries/s = events × subscribers that received them; a batched frame of n events counts n deliveries',
  );
  const services: RunningService[] = [];
  const servers: SwagServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await createServer(parseConfig(env), { log: testLogger(), host: '127.0.0.1' });
    servers.push(server);
    return server;
  };
  const busFor = async (kind: 'redis' | 'nats') => {
    const service = kind === 'redis' ? await startRedis() : await startNats();
    services.push(service);
    const bus = await createBus(
      { bus: kind, redisUrl: service.url, natsUrl: service.url, replica: 'bench-publisher' },
      testLogger(),
    );
    return { service, bus };
  };
  try {
    const postgres = await startPostgres();
    services.push(postgres);
    const baseline = RUNS.has('raw') ? await rawBaseline(eventFrameBytes) : undefined;
    if (baseline) print(baseline);

    if (RUNS.has('command')) {
      const one = await start(serverEnv(postgres, 'bench-1', 'none'));
      for (const mode of MODES) print(await commandRun('1 replica, task.create (+Postgres)', [one], mode), baseline);
      await one.close();
    }

    for (const kind of BUSES) {
      if (!RUNS.has('bus-1') && !RUNS.has('bus-2')) break;
      const { service, bus } = await busFor(kind);
      if (RUNS.has('bus-1')) {
        const single = await start(serverEnv(postgres, `${kind}-solo`, kind, service.url));
        for (const mode of MODES) print(await busRun(`1 replica, events from ${kind}`, [single], bus, mode), baseline);
        await single.close();
      }
      if (RUNS.has('bus-2')) {
        const pair = await Promise.all([
          start(serverEnv(postgres, `${kind}-1`, kind, service.url)),
          start(serverEnv(postgres, `${kind}-2`, kind, service.url)),
        ]);
        for (const mode of MODES) print(await busRun(`2 replicas, events from ${kind}`, pair, bus, mode), baseline);
        await Promise.all(pair.map((server) => server.close()));
      }
      await bus.close();
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await Promise.allSettled(servers.map((server) => server.close()));
    await Promise.allSettled(services.map((service) => service.stop()));
  }
}

await main();
