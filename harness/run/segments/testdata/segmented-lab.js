// A fixed amount of work against the lab, so a run split across instances
// must add up to exactly a single run's totals.
import http from 'k6/http';
import { check } from 'k6';

export const options = {
  scenarios: {
    shared: { executor: 'shared-iterations', vus: 4, iterations: 60 },
    pervu: { executor: 'per-vu-iterations', vus: 3, iterations: 5 },
  },
  thresholds: { checks: ['rate==1'] },
};

export default async function () {
  const res = await http.asyncRequest('GET', `${__ENV.SWAGBOARD_URL}/healthz`);
  check(res, { 'status is 200': (r) => r.status === 200 });
}
