// Thundering herd: many clients spread over the replicas; the default plan
// (replica-crash, see suites.yaml) kills one, and its clients all reconnect at
// once — with backoff and jitter — to the survivors. Measures connects/s
// (swag_connects, streamed as k6_swag_connects_total) and how long until every
// dropped client is welcomed again (max of swag_reconnect_time). Reconnect
// times carry a `phase` tag (lib/phase.ts) but are judged over the whole run:
// the herd after a crash is the point of the run, warm-up or not.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { reconnects, recordDrop, recordReconnect, unrecovered } from './lib/recovery-metrics.ts';
import { SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('storm'));
const CLIENTS = envNumber('VUS', 60);
const TOTAL_S = durationSeconds(envString('DURATION', '20s'));
// The target (issue 10): every dropped client welcomed again within 1 s (p99), none much later.
const ALL_BACK_P99_MS = envNumber('ALL_BACK_P99_MS', 1000);
const ALL_BACK_MS = envNumber('ALL_BACK_MS', 2000);
const EXPECT_RECONNECTS = envNumber('EXPECT_RECONNECTS', 0);
const phase = phaseClock(TOTAL_S);

const connects = new Counter('swag_connects');

export const options = {
  scenarios: {
    // Clients arrive over the first seconds (not all at t=0), then stay.
    herd: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '3s', target: CLIENTS },
        { duration: `${Math.max(1, TOTAL_S - 3)}s`, target: CLIENTS },
      ],
      gracefulRampDown: '2s',
      gracefulStop: '5s',
    },
  },
  thresholds: {
    swag_reconnect_time: [`max<${ALL_BACK_MS}`, `p(99)<${ALL_BACK_P99_MS}`],
    swag_sessions_unrecovered: ['count==0'],
    ...(EXPECT_RECONNECTS > 0 ? { swag_reconnects: [`count>=${EXPECT_RECONNECTS}`] } : {}),
  },
};

export default function (): void {
  reconnects.add(0); // judged even when nothing dropped
  // One long session per VU: the iteration lasts until the end of the test.
  const remainingMs = TOTAL_S * 1000 - exec.instance.currentTestRunDuration - 1000;
  const session: SwagSession = new SwagSession(
    BASE_URL,
    `herd-${exec.vu.idInTest}`,
    [BOARD],
    {
      onWelcome: () => connects.add(1, { kind: session.reconnects > 0 ? 'reconnect' : 'initial' }),
      onDrop: ({ code, replica, willReconnect, first }) => {
        if (willReconnect && first) recordDrop(code, replica);
      },
      onReconnected: (r) => recordReconnect(r, phase.tags()),
    },
    // The library's backoff: first retry within 50 ms, jittered, so the herd spreads without waiting.
    { reconnect: { maxAttempts: 40 }, resume: false },
  );
  setTimeout(
    () => {
      unrecovered.add(session.recovering && !session.open ? 1 : 0, { replica: session.replica || 'none' });
      session.close();
    },
    Math.max(1000, remainingMs),
  );
}
