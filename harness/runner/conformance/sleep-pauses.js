// k6 docs (k6 sleep): sleep(t) suspends VU execution for t seconds.
import { sleep } from 'k6';

export const options = { iterations: 1 };

export default function () {
  sleep(1);
}
