// In k6 each VU blocks only itself: one VU sleeps while another's timer keeps its pace.
import { sleep } from 'k6';
import { setInterval, clearInterval } from 'k6/timers';
import { Trend } from 'k6/metrics';

const gap = new Trend('tick_gap', true);

export const options = {
  scenarios: {
    sleeper: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'sleeper' },
    ticker: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'ticker' },
  },
  thresholds: { tick_gap: ['max<600'] }, // far below the 1 s a blocked loop would show
};

export function sleeper() {
  sleep(1);
}

export function ticker() {
  let last = Date.now();
  let n = 0;
  const id = setInterval(() => {
    const now = Date.now();
    gap.add(now - last);
    last = now;
    if (++n === 20) clearInterval(id);
  }, 50);
}
