// k6 docs (k6/execution vu.tags): a tag set there is added to the VU's later samples.
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const tagged = new Counter('tagged');

export const options = {
  vus: 1,
  iterations: 3,
  thresholds: { 'tagged{mytag:value1}': ['count==2'] },
};

export default function () {
  if (exec.vu.iterationInScenario > 0) exec.vu.tags['mytag'] = 'value1';
  tagged.add(1);
}
