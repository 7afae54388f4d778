// Test script (harness/run/scenario-lib-session.test.ts): one SwagSession against a fake gateway that
// refuses each write once with E_BOARD_BUSY and delivers events in batched frames.
import { Counter } from 'k6/metrics';
import { clearTimeout, setTimeout } from 'k6/timers';
import { SwagSession } from '../swagboard.ts';

const events = new Counter('t_events');
const errors = new Counter('t_errors');
const retrying = new Counter('t_refused_retrying');
const WRITES = Number(__ENV.WRITES || '3');

export const options = {
  vus: 1,
  iterations: 1,
  summaryTrendStats: ['min', 'max', 'count'],
  // Always true: they only make the runner keep the per-kind submetrics.
  thresholds: { 't_events{kind:new}': ['count>=0'], 't_events{kind:duplicate}': ['count>=0'] },
};

export default function () {
  let acked = 0;
  const giveUp = setTimeout(() => session.close(), 3000);
  const session: SwagSession = new SwagSession(
    __ENV.BASE_URL!,
    'tester',
    ['b'],
    {
      onWelcome: () => {
        for (let i = 0; i < WRITES; i++) session.createTask('b', `task ${i}`, 'todo', { step: '1' });
      },
      onEvent: (event, kind) => events.add(1, { kind, board: event.board }),
      onRefused: (_write, willRetry) => willRetry && retrying.add(1),
      onError: (error) => errors.add(1, { code: error.code }),
      onAck: () => {
        acked += 1;
        if (acked < WRITES) return;
        clearTimeout(giveUp);
        setTimeout(() => session.close(), 100); // let the last batch arrive
      },
    },
    { batch: __ENV.BATCH === '1', ...(__ENV.RETRY === '1' ? { retryRefused: { baseMs: 10, maxAttempts: 2 } } : {}) },
  );
}
