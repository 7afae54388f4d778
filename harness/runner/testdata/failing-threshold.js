import { check } from 'k6';

export const options = { iterations: 3, thresholds: { checks: ['rate>0.99'], iterations: ['count==3'] } };

export default function () {
  check(1, { 'never true': (v) => v === 2 });
}
