// One scenario per executor kind, to check that execution segments split each exactly.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const started = new Counter('started');

export const options = {
  scenarios: {
    shared: { executor: 'shared-iterations', vus: 3, iterations: 11 },
    pervu: { executor: 'per-vu-iterations', vus: 5, iterations: 2 },
    constant: { executor: 'constant-vus', vus: 5, duration: '300ms' },
    rate: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '1s', preAllocatedVUs: 3 },
    ramp: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '300ms', target: 4 },
        { duration: '300ms', target: 4 },
      ],
    },
    ramprate: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      stages: [{ duration: '1s', target: 40 }],
      preAllocatedVUs: 4,
    },
  },
};

export default function () {
  started.add(1, { iteration: String(exec.scenario.iterationInTest), vu: String(exec.vu.idInInstance) });
  return new Promise((resolve) => setTimeout(resolve, 20));
}
