// k6 docs (k6/execution instance and vu): iterationsCompleted/Interrupted of the
// instance; vu.iterationInInstance keeps counting when a VU is reused by another scenario.
import exec from 'k6/execution';
import { check } from 'k6';

export const options = {
  scenarios: {
    one: { executor: 'per-vu-iterations', vus: 1, iterations: 2, exec: 'one' },
    two: { executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: 'two', startTime: '1s' },
  },
};

export function one() {
  check(exec.vu, {
    'in one scenario: instance count equals scenario count': (vu) => vu.iterationInInstance === vu.iterationInScenario,
  });
}

export function two() {
  check(exec.vu, {
    'across scenarios: instance count not below scenario count': (vu) =>
      vu.iterationInInstance >= vu.iterationInScenario,
  });
}

export function teardown() {
  check(exec.instance, {
    iterationsCompleted: (i) => i.iterationsCompleted === 3,
    iterationsInterrupted: (i) => i.iterationsInterrupted === 0,
  });
}
