// No sleep at all: the runner must still keep its event loop turning.
export const options = { vus: 2, duration: '20s' };
let n = 0;
export default function () {
  n++;
}
