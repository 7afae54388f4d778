import exec from 'k6/execution';

export const options = { vus: 1, duration: '10s' };

export default function () {
  if (exec.scenario.iterationInTest >= 2) exec.test.abort('enough');
}
