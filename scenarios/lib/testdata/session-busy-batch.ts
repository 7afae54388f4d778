// Test script (harness/run/scenario-lib-session.int.test.ts): one SwagSession sends WRITES creates at once to a
// replica that admits few pending writes per board, so some are refused with E_BOARD_BUSY.
import { Counter } from 'k6/metrics';
import { clearTimeout, setTimeout } from 'k6/timers';
import { SwagSession } from '../swagboard.ts';

const events = new Counter('t_events');
const errors = new Counter('t_errors');
const retrying = new Counter('t_refused_retrying');
const WRITES = Number(__ENV.WRITES || '3');
const BOARD = __ENV.BOARD || 'b';

export const options = {
  vus: 1,
  iterations: 1,
  summaryTrendStats: ['min', 'max', 'count'],
  // Always true: they only make the runner keep the per-kind submetrics.
  thresholds: { 't_events{kind:new}': ['count>=0'], 't_events{kind:duplicate}': ['count>=0'] },
};

export default function () {
  let settled = 0;
  const settle = () => {
    settled += 1;
    if (settled < WRITES) return;
    clearTimeout(giveUp);
    setTimeout(() => session.close(), 100); // let the last batch arrive
  };
  const giveUp = setTimeout(() => session.close(), 3000);
  const session: SwagSession = new SwagSession(
    __ENV.BASE_URL!,
    'tester',
    [BOARD],
    {
      onWelcome: () => {
        for (let i = 0; i < WRITES; i++) session.createTask(BOARD, `task ${i}`, 'todo', { step: '1' });
      },
      onEvent: (event, kind) => events.add(1, { kind, board: event.board }),
      onRefused: (_write, willRetry) => (willRetry ? retrying.add(1) : settle()),
      onError: (error) => errors.add(1, { code: error.code }),
      onAck: settle,
    },
    { batch: __ENV.BATCH === '1', ...(__ENV.RETRY === '1' ? { retryRefused: { baseMs: 20, maxAttempts: 10 } } : {}) },
  );
}
