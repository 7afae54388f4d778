// k6/websockets: a refused upgrade still emits ws_sessions and ws_connecting tagged status:403, fires error and close, and no ws_session_duration
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = {
  iterations: 1,
  thresholds: {
    'ws_sessions{status:403}': ['count==1'],
    'ws_connecting{status:403}': ['max>=0'],
    checks: ['rate==1'],
  },
};

export default function () {
  const events = [];
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/deny`);
  ws.onopen = () => events.push('open');
  ws.onerror = () => events.push('error');
  ws.onclose = () => {
    events.push('close');
    check(events, { 'error then close, never open': (e) => e.join(',') === 'error,close' });
  };
}
