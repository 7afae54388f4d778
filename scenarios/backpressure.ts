// Backpressure: fast and slow clients on one busy board. Fast clients read the
// whole run; slow clients join after a quarter of the steady part (12 s of 30)
// and read to the end. k6 cannot read slowly, so slowness comes from the
// network: the default plan (slow-share, see suites.yaml) puts a 2 KB/s
// downstream bandwidth toxic on client.slow, the link slow readers connect through.
// Measures the fast clients' latency alone (`mix:alone`) vs with slow ones
// present (`mix:with-slow`), and slow-consumer disconnects (close 4008,
// E_SLOW_CONSUMER): as the servers counted them (`seen_by:server`, read from the
// lab's Prometheus), since a throttled reader sees its own 4008 only after the
// backlog ahead of it, long after the run; and as clients saw them (`seen_by:client`). Slow readers join only after the warm-up (lib/phase.ts) and
// a steady stretch alone, so that the baseline is not warm-up and both
// latency thresholds judge steady state.
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { createTaskOverRest, ensureBoard } from './lib/rest-writer.ts';
import { afterNextScrape, PROMETHEUS_URL, serverCounter } from './lib/server-counter.ts';
import { CLOSE, SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('backpressure'));
// A separate client link for slow readers, when the lab has one; else the
// toxic's toxicity decides per connection, fast group included.
const SLOW_URL = envString('SWAGBOARD_SLOW_URL', BASE_URL);
const FAST = envNumber('FAST_VUS', 6);
const SLOW = envNumber('SLOW_VUS', 6);
// 30 s: slow readers join at 12 s and the servers' queues overflow about 10 s later (Toxiproxy buffers
// what the 2 KB/s link has not yet passed on); 18 s leaves them room on a slow machine.
const TOTAL_S = durationSeconds(envString('DURATION', '30s'));
const phase = phaseClock(TOTAL_S);
// A quarter of the steady part alone, the rest with slow readers.
const SLOW_START_S = Math.round(phase.seconds + (TOTAL_S - phase.seconds) / 4);
const WRITES_PER_S = envNumber('WRITES_PER_S', 40);
const TITLE_BYTES = envNumber('TITLE_BYTES', 480);
const FAST_P95_MS = envNumber('FAST_P95_MS', 500);
const EXPECT_SLOW_DISCONNECTS = envNumber('EXPECT_SLOW_DISCONNECTS', 0);
// Slow readers must not cost fast ones their connection: the point of per-connection backpressure.
const MAX_FAST_DISCONNECTS = envNumber('MAX_FAST_DISCONNECTS', 0);

const latency = new Trend('swag_broadcast_latency', true);
const slowDisconnects = new Counter('swag_slow_consumer_disconnects');
const disconnects = new Counter('swag_disconnects');

export const options = {
  scenarios: {
    fast: {
      executor: 'per-vu-iterations',
      vus: FAST,
      iterations: 1,
      maxDuration: `${TOTAL_S + 15}s`,
      exec: 'fastClient',
      tags: { group: 'fast' },
    },
    slow: {
      executor: 'per-vu-iterations',
      vus: SLOW,
      iterations: 1,
      startTime: `${SLOW_START_S}s`,
      maxDuration: `${TOTAL_S}s`,
      exec: 'slowClient',
      tags: { group: 'slow' },
    },
    writer: {
      executor: 'ramping-arrival-rate',
      startRate: WRITES_PER_S,
      timeUnit: '1s',
      startTime: '2s',
      stages: [{ duration: `${Math.max(1, TOTAL_S - 3)}s`, target: WRITES_PER_S }],
      preAllocatedVUs: 8,
      maxVUs: 40,
      exec: 'write',
    },
  },
  thresholds: {
    'swag_broadcast_latency{group:fast,mix:alone,phase:steady}': [`p(95)<${FAST_P95_MS}`],
    'swag_broadcast_latency{group:fast,mix:with-slow,phase:steady}': [`p(95)<${FAST_P95_MS}`],
    'swag_broadcast_latency{group:slow}': ['max>=0'],
    [`swag_slow_consumer_disconnects{seen_by:${PROMETHEUS_URL ? 'server' : 'client'}}`]: [
      `count>=${EXPECT_SLOW_DISCONNECTS}`,
    ],
    'swag_disconnects{group:fast}': [`count<=${MAX_FAST_DISCONNECTS}`],
  },
};

const SERVER_SLOW_DISCONNECTS = 'swagboard_ws_slow_consumer_disconnects_total';

interface SetupData {
  startedAt: number;
  /** The servers' count before the run (a lab may have served other runs). */
  serverSlowBefore: number | undefined;
}

export async function setup(): Promise<SetupData> {
  await ensureBoard(BASE_URL, BOARD);
  const serverSlowBefore = await serverCounter(SERVER_SLOW_DISCONNECTS);
  if (PROMETHEUS_URL && serverSlowBefore === undefined)
    console.warn(
      `${SERVER_SLOW_DISCONNECTS} not found at ${PROMETHEUS_URL}: the servers' count of 4008 closes is missing`,
    );
  return { startedAt: Date.now(), serverSlowBefore };
}

export async function teardown(data: SetupData): Promise<void> {
  if (data.serverSlowBefore === undefined) return;
  await afterNextScrape();
  const after = await serverCounter(SERVER_SLOW_DISCONNECTS);
  // A replica restarted during the run starts its count again from zero.
  if (after !== undefined)
    slowDisconnects.add(after >= data.serverSlowBefore ? after - data.serverSlowBefore : after, { seen_by: 'server' });
}

const TITLE = 'x'.repeat(TITLE_BYTES);

export async function write(): Promise<void> {
  await createTaskOverRest(BASE_URL, BOARD, `${exec.scenario.iterationInTest} ${TITLE}`);
}

function reader(group: 'fast' | 'slow', lifetimeMs: number, startedAt: number): void {
  // A count threshold on a metric without samples is not judged: start every counter at zero.
  slowDisconnects.add(0, { group, seen_by: 'client' });
  disconnects.add(0, { group, code: 'none' });
  const session: SwagSession = new SwagSession(
    group === 'slow' ? SLOW_URL : BASE_URL,
    `${group}-${exec.vu.idInTest}`,
    [BOARD],
    {
      onEvent: (event) => {
        if (event.clientTs === undefined) return;
        const mix = Date.now() - startedAt < SLOW_START_S * 1000 ? 'alone' : 'with-slow';
        latency.add(Date.now() - event.clientTs, { group, mix, replica: session.replica, ...phase.tags() });
      },
      onDrop: ({ code, first }) => {
        if (!first) return;
        disconnects.add(1, { group, code: String(code) });
        // The server's 4008 close frame queues behind the very backlog that caused it, so a slow
        // reader usually sees the TCP close first (1006). Nothing else breaks connections here.
        if (code === CLOSE.slowConsumer || (group === 'slow' && code === 1006))
          slowDisconnects.add(1, { group, code: String(code), seen_by: 'client' });
      },
    },
    { reconnect: { baseMs: 500, maxMs: 3000, maxAttempts: 20 }, tags: { group } },
  );
  setTimeout(() => session.close(), lifetimeMs);
}

export function fastClient(data: SetupData): void {
  reader('fast', TOTAL_S * 1000, data.startedAt);
}

export function slowClient(data: SetupData): void {
  // To the end of the run: a slow reader that left before its queue overflowed would prove nothing.
  reader('slow', (TOTAL_S - SLOW_START_S) * 1000, data.startedAt);
}
