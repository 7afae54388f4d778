// Deploy avalanche, comparable with the published AnyCable benchmark (issue 10
// §9): N clients on one board while every replica in turn is restarted (the
// default plan, deploy-avalanche: SIGTERM, drain, start again; see
// suites.yaml), and a REST writer keeps the board moving through a way in that
// no restart cuts off for long. Each drained client must come back elsewhere
// and resume, with nothing lost.
// Reports, per drop, the client's downtime (drop → welcome again,
// swag_reconnect_time; its max is the time until all were back), the share of
// clients connected and caught up at the end (swag_clients_back, must be 100%),
// and the usual lost/duplicated accounting.
import exec from 'k6/execution';
import { Rate } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { drainAndAccount } from './lib/drain.ts';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { reconnects, recordDrop, recordReconnect, recordResume } from './lib/recovery-metrics.ts';
import { createTaskOverRest, ensureBoard } from './lib/rest-writer.ts';
import { recoveryScenarios } from './lib/recovery-scenarios.ts';
import { SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('avalanche'));
const CLIENTS = envNumber('VUS', 60);
const DURATION = envString('DURATION', '35s');
const WRITES_PER_S = envNumber('WRITES_PER_S', 5);
const DOWNTIME_P95_MS = envNumber('DOWNTIME_P95_MS', 2000);
// A restart of every replica moves every client at least once.
const EXPECT_RECONNECTS = envNumber('EXPECT_RECONNECTS', CLIENTS);
const TOTAL_MS = durationSeconds(DURATION) * 1000;
const phase = phaseClock(TOTAL_MS / 1000);

/** At the end: connected and holding every event (true), or never back (false). */
const clientsBack = new Rate('swag_clients_back');

export const options = {
  scenarios: recoveryScenarios(CLIENTS, TOTAL_MS, WRITES_PER_S),
  thresholds: {
    swag_events_lost: ['count==0'],
    swag_events_duplicated: ['count==0'],
    swag_clients_back: ['rate==1'],
    swag_sessions_unresumed: ['count==0'],
    swag_reconnect_time: [`p(95)<${DOWNTIME_P95_MS}`],
    swag_reconnects: [`count>=${EXPECT_RECONNECTS}`],
  },
};

export async function setup(): Promise<{ board: string }> {
  await ensureBoard(BASE_URL, BOARD);
  return { board: BOARD };
}

export async function write(): Promise<void> {
  await createTaskOverRest(BASE_URL, BOARD, `d${exec.scenario.iterationInTest}`);
}

export function client(): void {
  reconnects.add(0);
  const session: SwagSession = new SwagSession(
    BASE_URL,
    `deploy-${exec.vu.idInTest}`,
    [BOARD],
    {
      onDrop: ({ code, replica, willReconnect, first }) => {
        if (willReconnect && first) recordDrop(code, replica);
      },
      onReconnected: (r) => recordReconnect(r, phase.tags()),
      onResumed: (r) => recordResume(r, phase.tags()),
    },
    { reconnect: true, tags: { group: 'client' } },
  );
  setTimeout(() => {
    void drainAndAccount(session, BASE_URL, BOARD, 5000).then((back) =>
      clientsBack.add(back, { replica: session.replica || 'none' }),
    );
  }, TOTAL_MS);
}
