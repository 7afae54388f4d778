import { check } from 'k6';

export const options = { scenarios: { iso: { executor: 'per-vu-iterations', vus: 3, iterations: 3 } } };

// Module state is per VU: every VU runs this init code in its own context.
let iterationsHere = 0;

export default function () {
  iterationsHere++;
  if (globalThis.owner === undefined) globalThis.owner = __VU;
  check(null, {
    'global belongs to this VU': () => globalThis.owner === __VU,
    'module state is per VU': () => iterationsHere === __ITER + 1,
  });
}
