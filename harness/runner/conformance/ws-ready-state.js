// k6/websockets: readyState constants on the instance (ws.OPEN …) and readyState CONNECTING → OPEN → CLOSED
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };

export default function () {
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/echo`);
  check(ws, {
    'constants on the instance': (w) => w.CONNECTING === 0 && w.OPEN === 1 && w.CLOSING === 2 && w.CLOSED === 3,
    'starts CONNECTING': (w) => w.readyState === w.CONNECTING,
  });
  ws.onopen = () => {
    check(ws, { 'OPEN in onopen': (w) => w.readyState === w.OPEN });
    ws.close();
  };
  ws.onclose = () => check(ws, { 'CLOSED in onclose': (w) => w.readyState === w.CLOSED });
}
