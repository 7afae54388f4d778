// The end-of-test summary uses k6's compact layout by default: THRESHOLDS, TOTAL RESULTS with check totals, metrics by category
import { check } from 'k6';
import { Trend } from 'k6/metrics';

const wait = new Trend('wait', true);

export const options = { iterations: 2, thresholds: { wait: ['p(95)<100'], checks: ['rate>0.4'] } };

export default function () {
  wait.add(10);
  check(1, { 'always ok': () => true, 'never ok': () => false });
}
