// k6/data, k6/encoding, k6/crypto and k6/execution's writable and counting parts.
import { check } from 'k6';
import crypto from 'k6/crypto';
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

let loads = 0;
const users = new SharedArray('users', function () {
  loads++;
  return [{ name: 'ann' }, { name: 'bob' }];
});
const tagged = new Counter('tagged');
let firstRuns = 0;

export const options = {
  scenarios: {
    first: { executor: 'per-vu-iterations', vus: 2, iterations: 2, exec: 'first' },
    second: { executor: 'per-vu-iterations', vus: 2, iterations: 1, exec: 'second', startTime: '500ms' },
  },
  thresholds: { 'tagged{phase:warm}': ['count==4'], 'tagged{phase:hot}': ['count==2'] },
};

export function first() {
  firstRuns++;
  exec.vu.tags.phase = 'warm';
  tagged.add(1);
  const copy = users[0];
  copy.name = 'changed';
  let writeFailed = false;
  try {
    users[0] = { name: 'x' };
  } catch (e) {
    writeFailed = e instanceof Error || String(e).includes('read-only');
  }
  const names = [];
  for (const u of users) names.push(u.name);
  let badTag = false;
  try {
    exec.vu.tags.bad = { a: 1 };
  } catch (e) {
    badTag = true;
  }
  check(null, {
    'shared array: length, index, for-of': () =>
      users.length === 2 && users[1].name === 'bob' && names.join(',') === 'ann,bob',
    'shared array: elements are copies, writes throw': () => users[0].name === 'ann' && writeFailed,
    'shared array: the function ran in one VU only': () => loads === 0 || exec.vu.idInTest === 0,
    'vu.tags: set, read back with system tags': () =>
      exec.vu.tags.phase === 'warm' && exec.vu.tags.scenario === 'first' && badTag,
    'encoding: k6 docs example': () =>
      encoding.b64encode('hello world') === 'aGVsbG8gd29ybGQ=' &&
      encoding.b64decode('aGVsbG8gd29ybGQ', 'rawstd', 's') === 'hello world',
    'crypto: sha256 and hmac': () =>
      crypto.sha256('hello world!', 'hex') === '7509e5bda0c762d2bac7f90d758b5b2263fa01ccbc542ab5e3df163be08e6ca9' &&
      crypto.hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'hex') ===
        '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  });
}

export function second() {
  // A new scenario starts with the VU's own tags cleared, but counts its iterations on.
  check(null, {
    'vu.tags: cleared in a new scenario': () => exec.vu.tags.phase === undefined,
    'vu.iterationInInstance counts across scenarios': () =>
      exec.vu.iterationInInstance === firstRuns + exec.vu.iterationInScenario,
  });
  exec.vu.tags.phase = 'hot';
  tagged.add(1);
}

export function teardown() {
  if (exec.instance.iterationsCompleted !== 6 || exec.instance.iterationsInterrupted !== 0) {
    throw new Error(
      `instance counters: completed ${exec.instance.iterationsCompleted}, interrupted ${exec.instance.iterationsInterrupted}`,
    );
  }
}
