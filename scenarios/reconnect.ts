// Reconnect and resume: clients spread over the replicas read one board while
// a REST writer keeps changing it and the chaos plan (default replica-crash,
// see suites.yaml) kills/restarts replicas or resets client links. Every
// client reconnects with backoff + jitter and resumes from its last seq; by
// seq accounting each must end with zero events lost and zero duplicated.
// Measures drop → welcome and drop → caught-up times, and events replayed.
// Attempts give up after 1 s and the first retry comes within 50 ms
// (lib/backoff.ts), so an attempt that meets a dead replica costs little.
// Those times carry a `phase` tag (lib/phase.ts) but are judged over the whole
// run: a fault is the point of the run wherever it falls, warm-up or not.
import { check } from 'k6';
import exec from 'k6/execution';
import { setTimeout } from 'k6/timers';
import { drainAndAccount } from './lib/drain.ts';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { reconnects, recordDrop, recordReconnect, recordResume } from './lib/recovery-metrics.ts';
import { createTaskOverRest, ensureBoard } from './lib/rest-writer.ts';
import { recoveryScenarios } from './lib/recovery-scenarios.ts';
import { SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('reconnect'));
const CLIENTS = envNumber('VUS', 12);
const DURATION = envString('DURATION', '20s');
const WRITES_PER_S = envNumber('WRITES_PER_S', 10);
const EXPECT_RECONNECTS = envNumber('EXPECT_RECONNECTS', 0);
// The target (issue 10): from a replica's death to every client resumed, p99 ≤ 1 s.
const RESUME_P99_MS = envNumber('RESUME_P99_MS', 1000);
const TOTAL_MS = durationSeconds(DURATION) * 1000;
const phase = phaseClock(TOTAL_MS / 1000);

export const options = {
  scenarios: recoveryScenarios(CLIENTS, TOTAL_MS, WRITES_PER_S),
  thresholds: {
    swag_events_lost: ['count==0'],
    swag_events_duplicated: ['count==0'],
    swag_sessions_unrecovered: ['count==0'],
    swag_sessions_unresumed: ['count==0'],
    swag_reconnect_time: [`p(99)<${RESUME_P99_MS}`],
    swag_resume_time: [`p(99)<${RESUME_P99_MS}`],
    ...(EXPECT_RECONNECTS > 0 ? { swag_reconnects: [`count>=${EXPECT_RECONNECTS}`] } : {}),
    checks: ['rate>0.99'],
  },
};

export async function setup(): Promise<{ board: string }> {
  await ensureBoard(BASE_URL, BOARD);
  return { board: BOARD };
}

export async function write(): Promise<void> {
  await createTaskOverRest(BASE_URL, BOARD, `w${exec.scenario.iterationInTest}`);
}

export function client(): void {
  reconnects.add(0); // judged even when nothing dropped
  const session: SwagSession = new SwagSession(
    BASE_URL,
    `client-${exec.vu.idInTest}`,
    [BOARD],
    {
      onWelcome: (welcome) =>
        check(welcome, { 'welcome lists the board': (w) => w.boards.some((b) => b.board === BOARD) }),
      onDrop: ({ code, replica, willReconnect, first }) => {
        if (willReconnect && first) recordDrop(code, replica);
      },
      onReconnected: (r) => recordReconnect(r, phase.tags()),
      onResumed: (r) => recordResume(r, phase.tags()),
    },
    { reconnect: true, tags: { group: 'client' } },
  );
  setTimeout(() => void drainAndAccount(session, BASE_URL, BOARD, 5000), TOTAL_MS);
}
