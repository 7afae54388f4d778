// k6 docs (k6/execution instance.iterationsInterrupted; executors' gracefulStop):
// iterations still running when gracefulStop runs out are interrupted, not completed.
import exec from 'k6/execution';
import { check, sleep } from 'k6';

export const options = {
  scenarios: { long: { executor: 'constant-vus', vus: 2, duration: '5s', gracefulStop: '0s' } },
};

export default function () {
  sleep(10); // far longer than the scenario, so both VUs are mid-iteration when it ends; 5 s lets a VU start late on a loaded machine
}

export function teardown() {
  check(exec.instance, {
    'both iterations interrupted': (i) => i.iterationsInterrupted === 2,
    'none completed': (i) => i.iterationsCompleted === 0,
  });
}
