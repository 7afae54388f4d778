// k6 script for the capacity benchmark: each VU holds one WebSocket for HOLD_S seconds.
import { WebSocket } from 'k6/websockets';
import { setTimeout } from 'k6/timers';

export const options = {
  scenarios: {
    hold: {
      executor: 'per-vu-iterations',
      vus: Number(__ENV.CONNS),
      iterations: 1,
      maxDuration: `${Number(__ENV.HOLD_S) + 60}s`,
    },
  },
};

export default function () {
  const ws = new WebSocket(__ENV.URL);
  ws.onopen = () => setTimeout(() => ws.close(), Number(__ENV.HOLD_S) * 1000);
}
