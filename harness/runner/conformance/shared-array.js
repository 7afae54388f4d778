// k6 docs (k6/data SharedArray): built once in the init context from a function
// returning an array; length, index access and for-of; read-only.
import { SharedArray } from 'k6/data';
import { check } from 'k6';

const data = new SharedArray('some name', function () {
  const dataArray = [];
  for (let i = 0; i < 3; i++) dataArray.push({ id: i, name: `user${i}` });
  return dataArray;
});

export const options = { vus: 2, iterations: 4 };

export default function () {
  const names = [];
  for (const item of data) names.push(item.name);
  try {
    data[0] = { id: 9 }; // read-only: rejected (this runner throws)
  } catch (e) {
    // either way the element must stay as it was
  }
  check(data, {
    length: (d) => d.length === 3,
    index: (d) => d[2].id === 2 && d[2].name === 'user2',
    'for-of': () => names.join(',') === 'user0,user1,user2',
    'read-only': (d) => d[0].id === 0,
  });
}
