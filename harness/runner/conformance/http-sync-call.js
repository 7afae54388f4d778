// k6 docs (k6/http get): a synchronous request returns its Response; a refused
// connection gives status 0 and a non-empty error, and the code after it runs
// only once the request is over.
import http from 'k6/http';
import { check } from 'k6';

export const options = { iterations: 1 };

export default function () {
  const before = Date.now();
  const res = http.get('http://127.0.0.1:1/');
  check(res, {
    'status is 0': (r) => r.status === 0,
    'error is set': (r) => typeof r.error === 'string' && r.error.length > 0,
    'returned a response, not a promise': (r) => typeof r.then !== 'function' && Date.now() >= before,
  });
}
