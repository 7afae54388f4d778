import http from 'k6/http';
import { check } from 'k6';

export const options = {
  iterations: 2,
  thresholds: { http_req_failed: ['rate<0.01'], 'http_req_duration{name:hello}': ['p(95)<2000'] },
};

export function setup() {
  const res = http.get(`${__ENV.SYNC_URL}/setup`);
  return { body: res.body, status: res.status };
}

export default async function (data) {
  const res = await http.asyncRequest('POST', `${__ENV.ASYNC_URL}/hello`, JSON.stringify({ a: 1 }), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'hello' },
  });
  check(res, {
    'async status 200': (r) => r.status === 200,
    'async body echoed': (r) => r.json('got.a') === 1,
    'sync setup worked': () => data.status === 200 && data.body === 'from-worker',
  });
}
