// One VU sleeps (bare, k6 style) while another ticks a 50 ms interval.
import { sleep } from 'k6';
import { Trend } from 'k6/metrics';

const slept = new Trend('slept', true);
const tickGap = new Trend('tick_gap', true);

export const options = {
  summaryTrendStats: ['avg', 'min', 'max', 'count'],
  scenarios: {
    sleeper: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'sleeper' },
    ticker: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'ticker' },
  },
};

export function sleeper() {
  const t0 = Date.now();
  sleep(1);
  slept.add(Date.now() - t0);
}

export function ticker() {
  let last = Date.now();
  let ticks = 0;
  const id = setInterval(() => {
    const now = Date.now();
    tickGap.add(now - last);
    last = now;
    if (++ticks === 24) clearInterval(id);
  }, 50);
}
