import { group, sleep, check } from 'k6';
import exec from 'k6/execution';
import { setTimeout } from 'k6/timers';

export const options = {
  scenarios: {
    paced: {
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 2,
      exec: 'paced',
      tags: { team: 'board' },
      env: { MODE: 'paced' },
    },
    awaiting: { executor: 'shared-iterations', vus: 2, iterations: 2, exec: 'awaiting', startTime: '50ms' },
  },
};

export function setup() {
  return { token: 'abc', started: Date.now() };
}

// A bare sleep at the end paces the iteration without awaiting.
export function paced(data) {
  check(data, { 'setup data arrives': (d) => d.token === 'abc', 'scenario env': () => __ENV.MODE === 'paced' });
  sleep(0.1);
}

export async function awaiting() {
  const before = Date.now();
  await sleep(0.05);
  // k6 forbids async functions in group(); the group wraps synchronous code only.
  group('board', () => check(Date.now() - before, { 'await sleep pauses': (ms) => ms >= 45 }));
  let fired = false;
  setTimeout(() => {
    fired = true;
    check(fired, { 'timer keeps iteration open': (f) => f && exec.scenario.name === 'awaiting' });
  }, 30);
}

export function teardown(data) {
  console.log(`teardown got ${data.token}`);
}
