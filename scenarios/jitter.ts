// Network jitter, comparable with the published AnyCable benchmark (issue 10
// §9): the clients' link is cut about every 15 s and stays away about 2 s (the
// default plan, client-jitter, downs client.edge; see suites.yaml) while a REST
// writer keeps changing the board through another way in (SWAGBOARD_SLOW_URL,
// which the plan leaves alone), so every cut leaves events to replay.
// Reports the share of owed events each client got (swag_events_delivered, must
// be 100%) and how late a replayed event arrived after its command was accepted
// (swag_replay_latency: the outage, the reconnect and the replay together), with
// drop → caught-up (swag_resume_time) and the usual lost/duplicated accounting.
import { check } from 'k6';
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { drainAndAccount } from './lib/drain.ts';
import { durationSeconds, envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { reconnects, recordDrop, recordReconnect, recordResume } from './lib/recovery-metrics.ts';
import { createTaskOverRest, ensureBoard } from './lib/rest-writer.ts';
import { recoveryScenarios } from './lib/recovery-scenarios.ts';
import { SwagSession } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
// The writer's way in must not be the link the plan cuts, or no event would be missed.
const WRITER_URL = envString('WRITER_URL', envString('SWAGBOARD_SLOW_URL', BASE_URL));
const BOARD = envString('BOARD', runBoard('jitter'));
const CLIENTS = envNumber('VUS', 20);
const DURATION = envString('DURATION', '60s');
const WRITES_PER_S = envNumber('WRITES_PER_S', 10);
const EXPECT_RECONNECTS = envNumber('EXPECT_RECONNECTS', CLIENTS);
const REPLAY_P99_MS = envNumber('REPLAY_P99_MS', 4000);
const TOTAL_MS = durationSeconds(DURATION) * 1000;
const phase = phaseClock(TOTAL_MS / 1000);

/** Command accepted (the event's `at`) → delivered, for events a reconnected client got by replay. */
const replayLatency = new Trend('swag_replay_latency', true);

export const options = {
  scenarios: recoveryScenarios(CLIENTS, TOTAL_MS, WRITES_PER_S),
  thresholds: {
    swag_events_delivered: ['rate==1'],
    swag_events_lost: ['count==0'],
    swag_events_duplicated: ['count==0'],
    swag_sessions_unrecovered: ['count==0'],
    swag_sessions_unresumed: ['count==0'],
    swag_replay_latency: [`p(99)<${REPLAY_P99_MS}`],
    // Every client is cut at least once: a run where nothing dropped proves nothing.
    swag_reconnects: [`count>=${EXPECT_RECONNECTS}`],
    checks: ['rate>0.99'],
  },
};

export async function setup(): Promise<{ board: string }> {
  await ensureBoard(WRITER_URL, BOARD);
  return { board: BOARD };
}

export async function write(): Promise<void> {
  await createTaskOverRest(WRITER_URL, BOARD, `j${exec.scenario.iterationInTest}`);
}

export function client(): void {
  reconnects.add(0);
  let replayUpTo = 0; // events up to the latest reconnect's welcome seq were missed, then replayed
  const session: SwagSession = new SwagSession(
    BASE_URL,
    `jitter-${exec.vu.idInTest}`,
    [BOARD],
    {
      onWelcome: (welcome) => {
        check(welcome, { 'welcome lists the board': (w) => w.boards.some((b) => b.board === BOARD) });
        if (session?.reconnects > 0) replayUpTo = welcome.boards.find((b) => b.board === BOARD)?.seq ?? 0;
      },
      onEvent: (event, kind) => {
        if (kind === 'new' && event.seq <= replayUpTo) replayLatency.add(Date.now() - event.at, phase.tags());
      },
      onDrop: ({ code, replica, willReconnect, first }) => {
        if (willReconnect && first) recordDrop(code, replica);
      },
      onReconnected: (r) => recordReconnect(r, phase.tags()),
      onResumed: (r) => recordResume(r, phase.tags()),
    },
    { reconnect: true, tags: { group: 'client' } },
  );
  setTimeout(() => void drainAndAccount(session, WRITER_URL, BOARD, 5000), TOTAL_MS);
}
