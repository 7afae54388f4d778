// History: clients spread over every replica make random concurrent creates,
// updates, moves and deletes on one board while the chaos plan (default
// history-mix, see suites.yaml) kills replicas, partitions the bus, restarts
// Postgres and slows links. Each client records what it sent, how it was
// answered and which events it applied, resuming from its last seq after every
// drop; at the end it catches up with the board's last seq and prints its
// history as one console line. The harness then reads the server's event log
// and snapshot and runs the checker (reports/history/check-history.ts), whose
// verdict is the run's: these thresholds only make sure there was a history
// worth checking.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { latestSeq } from './lib/board-api.ts';
import { durationSeconds, envNumber, envString, replicaNames, runBoard } from './lib/env.ts';
import { HistoryClient } from './lib/history-client.ts';
import { historyLine } from './lib/history-log.ts';
import { nextOpKind } from './lib/live-board.ts';
import { ensureBoard } from './lib/rest-writer.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const BOARD = envString('BOARD', runBoard('history'));
const CLIENTS = envNumber('VUS', 6);
const TOTAL_MS = durationSeconds(envString('DURATION', '20s')) * 1000;
const OP_EVERY_MS = envNumber('OP_EVERY_MS', 250);
const MAX_TASKS = envNumber('MAX_TASKS', 30);
/** After the last command: long enough for a batch stuck on a lost Postgres to fail (5 s), so no change commits after the drain. */
const SETTLE_MS = envNumber('SETTLE_MS', 6000);
const DRAIN_MS = envNumber('DRAIN_MS', 15000);

const opsSent = new Counter('swag_history_ops');
const opsAnswered = new Counter('swag_history_answers');
const eventsApplied = new Counter('swag_history_events');
const welcomes = new Counter('swag_history_connections');
const unfinished = new Counter('swag_history_clients_behind');
/** Clients started: the harness expects as many histories back. */
const started = new Counter('swag_history_clients');

const perReplica: Record<string, string[]> = {};
// Clients on every replica: each must have welcomed at least one.
for (const replica of replicaNames()) perReplica[`swag_history_connections{replica:${replica}}`] = ['count>0'];

export const options = {
  scenarios: {
    clients: {
      executor: 'per-vu-iterations',
      vus: CLIENTS,
      iterations: 1,
      maxDuration: `${Math.round((TOTAL_MS + SETTLE_MS + DRAIN_MS) / 1000) + 15}s`,
      exec: 'client',
    },
  },
  thresholds: {
    swag_history_ops: ['count>0'],
    'swag_history_answers{outcome:ack}': ['count>0'],
    swag_history_clients_behind: ['count==0'],
    ...perReplica,
  },
};

export async function setup(): Promise<{ board: string }> {
  await ensureBoard(BASE_URL, BOARD);
  return { board: BOARD };
}

export function client(): void {
  const user = `history-${exec.vu.idInTest}`;
  unfinished.add(0);
  started.add(1);
  const session = new HistoryClient(BASE_URL, user, BOARD, {
    connectTimeoutMs: envNumber('CONNECT_TIMEOUT_MS', 2000),
    backoff: { firstMs: 50, baseMs: 100, maxMs: 2000, jitter: 0.5, maxAttempts: 60 },
    onEvent: () => eventsApplied.add(1),
    onAnswer: (op) =>
      opsAnswered.add(1, {
        kind: op.kind,
        outcome:
          typeof op.outcome === 'object' && 'ack' in op.outcome
            ? 'ack'
            : typeof op.outcome === 'object'
              ? op.outcome.error
              : 'none',
      }),
    onWelcome: (replica, reconnect) => welcomes.add(1, { replica, reconnect: String(reconnect) }),
  });
  const ticker = setInterval(() => {
    const kind = nextOpKind(session.board.size, MAX_TASKS, Math.random);
    if (session.act(kind, Math.random)) opsSent.add(1, { kind });
  }, OP_EVERY_MS);
  setTimeout(() => {
    clearInterval(ticker);
    setTimeout(() => void finish(session), SETTLE_MS);
  }, TOTAL_MS);
}

/** Catches up with the board's last seq (asked again until it stops moving), then hands the history over. */
async function finish(session: HistoryClient): Promise<void> {
  let caughtUp = false;
  try {
    caughtUp = await catchUp(session);
  } finally {
    // Whatever happened, the history goes to the checker: a client left behind is its finding, not a lost witness.
    if (!caughtUp) unfinished.add(1);
    session.close();
    console.log(historyLine(session.history));
  }
}

async function catchUp(session: HistoryClient): Promise<boolean> {
  const deadline = Date.now() + DRAIN_MS;
  let target = await latestSeq(BASE_URL, BOARD);
  while (Date.now() < deadline) {
    if (target !== undefined && session.lastSeq >= target) {
      const again = await latestSeq(BASE_URL, BOARD);
      if (again === target) break;
      target = again;
      continue;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
    if (target === undefined) target = await latestSeq(BASE_URL, BOARD);
  }
  return target !== undefined && session.lastSeq >= target;
}
