// k6 docs (k6 group, sleep): a group lasts as long as the blocking calls in it,
// also when they sit in a helper function of the script.
import { group, sleep } from 'k6';

export const options = { iterations: 1 };

function think(seconds) {
  sleep(seconds);
}

export default function () {
  group('thinking', () => {
    think(0.3);
    think(0.2);
  });
}
