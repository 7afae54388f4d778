// Blocking calls where the runner cannot make the VU wait: each must fail loudly.
import http from 'k6/http';
import { group, sleep } from 'k6';

export const options = { scenarios: { s: { executor: 'shared-iterations', vus: 1, iterations: 1, exec: __ENV.CASE } } };

class Client {
  get status() {
    return http.get(__ENV.URL).status;
  }
}

export function inMapForEach() {
  new Map([['a', 0.01]]).forEach((s) => sleep(s));
}

export function inGetter() {
  return new Client().status;
}

export function stored() {
  const calls = { nap: null };
  calls.nap = sleep;
  calls.nap(0.01);
}

export function groupViaVariable() {
  const g = [group][0];
  g('indirect', () => sleep(0.01));
}
