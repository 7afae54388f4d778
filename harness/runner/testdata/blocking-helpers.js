// Blocking callbacks handed to the script's own higher-order helpers.
import { check, group, sleep } from 'k6';

export const options = { iterations: 1 };

function step(name, fn) {
  return group(name, fn);
}

function twice(fn) {
  fn();
  return fn();
}

export default async function () {
  const slept = await Promise.resolve(0.1).then((s) => {
    const before = Date.now();
    sleep(s);
    return Date.now() - before;
  });
  const t0 = Date.now();
  const r = step('wrapped', () => {
    sleep(0.2);
    return 7;
  });
  const t1 = Date.now();
  twice(() => sleep(0.1));
  const t2 = Date.now();
  check(null, {
    'step waited for its group and got its value': () => r === 7 && t1 - t0 >= 195,
    'twice waited for both calls': () => t2 - t1 >= 195,
    'a then() callback blocks and its value flows on': () => slept >= 95,
  });
}
