// k6/websockets: abnormal closes (1006 dropped connection, 4xxx application codes) fire an error event before close
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };

function watch(path, expectedCode) {
  const events = [];
  const ws = new WebSocket(`${__ENV.WS_URL}${path}`);
  ws.onerror = () => events.push('error');
  ws.onclose = (e) => {
    events.push(`close ${e.code}`);
    check(events, {
      [`${path}: error then close ${expectedCode}`]: (ev) => ev.join(',') === `error,close ${expectedCode}`,
    });
  };
}

function normal() {
  const events = [];
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/close/1000`);
  ws.onerror = () => events.push('error');
  ws.onclose = (e) => {
    events.push(`close ${e.code}`);
    check(events, { 'normal close 1000: no error event': (ev) => ev.join(',') === 'close 1000' });
  };
}

export default function () {
  watch('/ws/close/4001', 4001);
  watch('/ws/drop', 1006);
  normal();
}
