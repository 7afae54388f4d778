// Soak: a long, low, steady load — readers that stay connected (reconnecting
// if they must) and a slow REST writer. Pass criteria: no event lost or
// duplicated, steady latency. Memory growth per replica is judged from
// Prometheus after the run (the report's memory slope per replica). Latency is
// judged in steady state: the first seconds (see lib/phase.ts) are warm-up.
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { drainAndAccount } from './lib/drain.ts';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { recordDrop, recordReconnect, recordResume } from './lib/recovery-metrics.ts';
import { createTaskOverRest, ensureBoard } from './lib/rest-writer.ts';
import { SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('soak'));
const READERS = envNumber('VUS', 10);
const TOTAL_S = durationSeconds(envString('DURATION', '10m'));
const WRITES_PER_S = envNumber('WRITES_PER_S', 2);
const LATENCY_P99_MS = envNumber('LATENCY_P99_MS', 250);
const phase = phaseClock(TOTAL_S);

const latency = new Trend('swag_broadcast_latency', true);

export const options = {
  // p(99) on the whole-run trend too, beside the steady-state one that is judged.
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  scenarios: {
    readers: {
      executor: 'per-vu-iterations',
      vus: READERS,
      iterations: 1,
      maxDuration: `${TOTAL_S + 30}s`,
      exec: 'reader',
    },
    writer: {
      executor: 'constant-arrival-rate',
      rate: WRITES_PER_S,
      timeUnit: '1s',
      startTime: '2s',
      duration: `${Math.max(1, TOTAL_S - 4)}s`,
      preAllocatedVUs: 2,
      maxVUs: 10,
      exec: 'write',
    },
  },
  thresholds: {
    'swag_broadcast_latency{phase:steady}': [`p(99)<${LATENCY_P99_MS}`],
    swag_events_lost: ['count==0'],
    swag_events_duplicated: ['count==0'],
    swag_sessions_unrecovered: ['count==0'],
    http_req_failed: ['rate<0.01'],
  },
};

export async function setup(): Promise<void> {
  await ensureBoard(BASE_URL, BOARD);
}

export async function write(): Promise<void> {
  await createTaskOverRest(BASE_URL, BOARD, `soak ${exec.scenario.iterationInTest}`);
}

export function reader(): void {
  const session: SwagSession = new SwagSession(
    BASE_URL,
    `soak-${exec.vu.idInTest}`,
    [BOARD],
    {
      onEvent: (event) => {
        if (event.clientTs !== undefined)
          latency.add(Date.now() - event.clientTs, {
            replica: session.replica,
            path: event.origin === session.replica ? 'same' : 'cross',
            ...phase.tags(),
          });
      },
      onDrop: ({ code, replica, willReconnect, first }) => {
        if (willReconnect && first) recordDrop(code, replica);
      },
      onReconnected: (r) => recordReconnect(r, phase.tags()),
      onResumed: (r) => recordResume(r, phase.tags()),
    },
    { reconnect: true },
  );
  setTimeout(() => void drainAndAccount(session, BASE_URL, BOARD, 5000), TOTAL_S * 1000);
}
