// abortOnFail stops the test once a threshold is crossed (after delayAbortEval), with exit code 99
import { Counter } from 'k6/metrics';
import { setTimeout } from 'k6/timers';

const failures = new Counter('failures');

export const options = {
  scenarios: { main: { executor: 'constant-vus', vus: 1, duration: '20s', gracefulStop: '0s' } },
  thresholds: { failures: [{ threshold: 'count<1', abortOnFail: true, delayAbortEval: '1s' }] },
};

export default async function () {
  failures.add(1);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
