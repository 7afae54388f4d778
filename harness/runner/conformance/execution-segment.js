// k6 options reference, "Execution segment": with executionSegment set, k6
// runs only that share of the test. Half of 2 VUs × 10 shared iterations is
// 1 VU doing 5 iterations.
import exec from 'k6/execution';

export const options = {
  executionSegment: '0:1/2',
  executionSegmentSequence: '0,1/2,1',
  scenarios: { half: { executor: 'shared-iterations', vus: 2, iterations: 10 } },
};

export default function () {
  if (exec.scenario.iterationInTest >= 10)
    throw new Error(`iterationInTest ${exec.scenario.iterationInTest} is outside the test's 10 iterations`);
}

export function teardown() {
  console.log('segment done');
}
