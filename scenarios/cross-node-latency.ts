// Cross-node broadcast latency: every VU writes to one shared board and reads
// every event on it; each event's delay (receive time − the writer's send time)
// is recorded as same-node or cross-node by comparing the event's origin
// replica with the reader's own.
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { SwagSession, type BoardEvent } from './lib/swagboard.ts';

const BASE_URL = __ENV.SWAGBOARD_URL || 'http://127.0.0.1:8080';
const BOARD = __ENV.BOARD || 'latency';
const WRITE_EVERY_MS = Number(__ENV.WRITE_EVERY_MS || 500);
const SESSION_MS = Number(__ENV.SESSION_MS || 8000);

const latency = new Trend('swag_broadcast_latency', true);
const delivered = new Counter('swag_events_delivered');
const written = new Counter('swag_events_written');
const errors = new Counter('swag_protocol_errors');

export const options = {
  scenarios: {
    broadcast: {
      executor: 'constant-vus',
      vus: Number(__ENV.VUS || 20),
      duration: __ENV.DURATION || '20s',
      gracefulStop: '5s',
    },
  },
  thresholds: {
    'swag_broadcast_latency{path:cross}': ['p(99)<250'],
    'swag_broadcast_latency{path:same}': ['p(99)<250'],
    // Cross-node delivery must actually happen, or the latency above means nothing.
    'swag_events_delivered{path:cross}': ['count>0'],
    swag_protocol_errors: ['count<1'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  let writer: ReturnType<typeof setInterval> | undefined;
  const session: SwagSession = new SwagSession(BASE_URL, `vu-${exec.vu.idInTest}`, [BOARD], {
    onWelcome: (welcome) => {
      check(welcome, { 'welcomed by a named replica': (w) => /^replica-\d+$/.test(w.replica) || w.replica.length > 0 });
      writer = setInterval(() => {
        session.createTask(BOARD, `task from vu ${exec.vu.idInTest}`);
        written.add(1);
      }, WRITE_EVERY_MS);
      setTimeout(() => {
        if (writer !== undefined) clearInterval(writer);
        session.close();
      }, SESSION_MS);
    },
    onEvent: (event: BoardEvent) => {
      if (event.clientTs === undefined) return;
      const path = event.origin === session.replica ? 'same' : 'cross';
      latency.add(Date.now() - event.clientTs, { path, replica: session.replica });
      delivered.add(1, { path });
    },
    onError: (error) => {
      errors.add(1, { code: error.code });
      console.error(`server error ${error.code}: ${error.message}`);
    },
  });
}
