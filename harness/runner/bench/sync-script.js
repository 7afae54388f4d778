// k6 script for the sync-style capacity benchmark: the classic request, then sleep(1).
import http from 'k6/http';
import { check, sleep } from 'k6';

export const options = {
  scenarios: { sync: { executor: 'constant-vus', vus: Number(__ENV.VUS), duration: `${Number(__ENV.SECONDS)}s` } },
};

export default function () {
  const res = http.get(__ENV.URL);
  check(res, { 'status 200': (r) => r.status === 200 });
  sleep(1);
}
