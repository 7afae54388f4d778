// constant-arrival-rate starts its first iteration at t=0 and then one every 1/rate: rate 4/s for 1s is 4 iterations
import { check } from 'k6';
import exec from 'k6/execution';

export const options = {
  scenarios: {
    paced: { executor: 'constant-arrival-rate', rate: 4, timeUnit: '1s', duration: '1s', preAllocatedVUs: 2 },
  },
  thresholds: { iterations: ['count==4'], checks: ['rate==1'] },
};

export default function () {
  if (exec.scenario.iterationInTest === 0) {
    check(exec.instance.currentTestRunDuration, { 'first iteration starts at once': (ms) => ms < 150 });
  }
}
