// k6/websockets: ping() gets a pong event and a ws_ping sample; addEventListener handlers run beside on* handlers
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = { iterations: 1, thresholds: { ws_ping: ['max<5000'], checks: ['rate==1'] } };

export default function () {
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/echo`);
  const seen = [];
  ws.addEventListener('open', () => {
    seen.push('listener open');
    ws.ping();
  });
  ws.onopen = () => seen.push('onopen');
  ws.onpong = () => {
    check(seen, { 'both open handlers ran': (s) => s.includes('onopen') && s.includes('listener open') });
    ws.close();
  };
}
