// Three VUs each make one blocking request, through a helper and a group, as k6 scripts do.
import http from 'k6/http';
import { check, group, sleep } from 'k6';

export const options = { scenarios: { s: { executor: 'per-vu-iterations', vus: 3, iterations: 1 } } };

function fetchSlow(path) {
  return http.get(`${__ENV.URL}${path}`);
}

export default function () {
  group('slow', () => {
    const res = fetchSlow(`/slow?vu=${__VU}`);
    check(res, { 'status 200': (r) => r.status === 200, 'body from server': (r) => r.body === 'slow' });
  });
  sleep(0.1);
}
