// Blocking calls inside array callbacks, as k6 scripts write them.
import { check, sleep } from 'k6';

export const options = { iterations: 1 };

export default function () {
  const doubled = [1, 2].map((n) => {
    sleep(0.1);
    return n * 2;
  });
  const even = [1, 2, 4].filter((n) => {
    sleep(0.05);
    return n % 2 === 0;
  });
  let visited = 0;
  const found = [1, 2, 3].some((n) => {
    visited++;
    sleep(0.05);
    return n === 2;
  });
  const order = [];
  ['a', 'b'].forEach((x) => {
    sleep(0.05);
    order.push(x);
  });
  check(null, {
    'map results in order': () => Array.isArray(doubled) && doubled.join(',') === '2,4',
    'filter kept the matches': () => even.join(',') === '2,4',
    'some stopped at the first match': () => found === true && visited === 2,
    'forEach waited for each': () => order.join('') === 'ab',
  });
}
