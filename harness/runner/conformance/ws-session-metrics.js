// k6/websockets: an echo session emits ws_sessions{status:101}, ws_connecting, ws_session_duration, ws_msgs_sent/received and data_sent/received
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = {
  iterations: 2,
  thresholds: {
    'ws_sessions{status:101}': ['count==2'],
    ws_session_duration: ['max<5000'],
    'ws_msgs_received{status:101}': ['count==6'],
  },
};

export default function () {
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/echo`);
  let received = 0;
  ws.onopen = () => {
    for (const text of ['a', 'bb', 'ccc']) ws.send(text);
  };
  ws.onmessage = (e) => {
    received++;
    if (received === 3) {
      check(e.data, { 'last echo is ccc': (d) => d === 'ccc' });
      ws.close();
    }
  };
}
