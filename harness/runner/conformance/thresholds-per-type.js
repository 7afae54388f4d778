// Thresholds per metric type as k6 documents them: Counter count/rate, Gauge value, Rate rate, Trend avg/min/max/med/p(N)
import { check } from 'k6';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';

const errors = new Counter('errors');
const queue = new Gauge('queue');
const ok = new Rate('ok');
const wait = new Trend('wait');

export const options = {
  iterations: 4,
  thresholds: {
    errors: ['count<10', 'rate>0'],
    queue: ['value==7'],
    ok: ['rate>=0.75'],
    wait: ['avg==25', 'min==10', 'max==40', 'med==25', 'p(50)==25'],
    checks: ['rate==1'],
    iterations: ['count==4'],
  },
};

export default function () {
  errors.add(1);
  queue.add(7);
  ok.add(true);
  for (const v of [10, 20, 30, 40]) wait.add(v);
  check(true, { 'is true': (v) => v === true });
}
