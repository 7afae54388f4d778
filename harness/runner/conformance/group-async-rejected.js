// group() rejects async functions, as k6 does; synchronous groups tag their checks and emit group_duration
import { check, group } from 'k6';

export const options = { iterations: 1, thresholds: { checks: ['rate==1'], 'checks{group:::sync}': ['rate==1'] } };

export default function () {
  let threw = false;
  try {
    group('async', async () => {});
  } catch (e) {
    threw = true;
  }
  check(threw, { 'async group throws': (t) => t });
  group('sync', () => {
    check(1, { 'inside sync group': (v) => v === 1 });
  });
}
