// Cross-node broadcast latency under ramping load: every VU writes to one
// shared board and reads every event on it; each event's delay (receive time −
// the writer's send time) is recorded as same-node or cross-node by comparing
// the event's origin replica with the reader's own, and tagged with the
// reader's replica, and with the phase (warm-up or steady state) it fell in:
// the latency thresholds judge steady state only. Default chaos plan: none
// (see suites.yaml).
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { durationSeconds, envNumber, envString, replicaNames, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { SwagSession, type BoardEvent } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('latency'));
const WRITE_EVERY_MS = envNumber('WRITE_EVERY_MS', 500);
const SESSION_MS = envNumber('SESSION_MS', 8000);
const PEAK_VUS = envNumber('VUS', 20);
const TOTAL_S = durationSeconds(envString('DURATION', '20s'));
const LATENCY_P99_MS = envNumber('LATENCY_P99_MS', 250);
const phase = phaseClock(TOTAL_S);

const latency = new Trend('swag_broadcast_latency', true);
const delivered = new Counter('swag_events_delivered');
const written = new Counter('swag_events_written');
const errors = new Counter('swag_protocol_errors');

// Ramp up over a quarter, hold half, ramp down over the last quarter.
const quarter = `${Math.max(1, Math.round(TOTAL_S / 4))}s`;
const half = `${Math.max(1, Math.round(TOTAL_S / 2))}s`;

const perReplica: Record<string, string[]> = {};
for (const replica of replicaNames())
  perReplica[`swag_broadcast_latency{replica:${replica},phase:steady}`] = [`p(99)<${LATENCY_P99_MS}`];

export const options = {
  // p(99) on every trend, also the whole-run ones judged by no p(99) threshold.
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  scenarios: {
    broadcast: {
      executor: 'ramping-vus',
      startVUs: Math.max(1, Math.round(PEAK_VUS / 4)),
      stages: [
        { duration: quarter, target: PEAK_VUS },
        { duration: half, target: PEAK_VUS },
        { duration: quarter, target: Math.max(1, Math.round(PEAK_VUS / 4)) },
      ],
      gracefulRampDown: '3s',
      gracefulStop: '5s',
    },
  },
  thresholds: {
    'swag_broadcast_latency{path:cross,phase:steady}': [`p(99)<${LATENCY_P99_MS}`],
    'swag_broadcast_latency{path:same,phase:steady}': [`p(99)<${LATENCY_P99_MS}`],
    // Always hold: named only so the summary keeps the whole-run figures beside steady
    // state (k6 reports a submetric only where a threshold names it).
    'swag_broadcast_latency{path:cross}': ['max>=0'],
    'swag_broadcast_latency{path:same}': ['max>=0'],
    // Cross-node delivery must actually happen, or the latency above means nothing.
    'swag_events_delivered{path:cross}': ['count>0'],
    swag_protocol_errors: ['count<1'],
    checks: ['rate>0.99'],
    ...perReplica,
  },
};

export default function () {
  let writer: ReturnType<typeof setInterval> | undefined;
  const session: SwagSession = new SwagSession(BASE_URL, `vu-${exec.vu.idInTest}`, [BOARD], {
    onWelcome: (welcome) => {
      check(welcome, { 'welcomed by a named replica': (w) => w.replica.length > 0 });
      writer = setInterval(() => {
        if (session.createTask(BOARD, `task from vu ${exec.vu.idInTest}`)) written.add(1);
      }, WRITE_EVERY_MS);
      setTimeout(() => {
        if (writer !== undefined) clearInterval(writer);
        session.close();
      }, SESSION_MS);
    },
    onEvent: (event: BoardEvent) => {
      if (event.clientTs === undefined) return;
      const path = event.origin === session.replica ? 'same' : 'cross';
      latency.add(Date.now() - event.clientTs, { path, replica: session.replica, ...phase.tags() });
      delivered.add(1, { path });
    },
    onError: (error) => {
      errors.add(1, { code: error.code });
      console.error(`server error ${error.code}: ${error.message}`);
    },
  });
}
