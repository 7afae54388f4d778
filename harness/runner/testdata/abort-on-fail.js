import { check, sleep } from 'k6';

export const options = {
  vus: 1,
  duration: '20s',
  thresholds: { checks: [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: '1s' }] },
};

export default async function () {
  check(0, { 'always fails': (v) => v === 1 });
  await sleep(0.05);
}
