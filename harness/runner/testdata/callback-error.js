import { setInterval, setTimeout } from 'k6/timers';

export const options = { iterations: 2 };

export default function () {
  // The interval alone would keep the iteration open until gracefulStop; the
  // throwing timer ends the iteration early and cancels it.
  setInterval(() => {}, 10);
  setTimeout(() => {
    throw new Error('boom in a callback');
  }, 20);
}
