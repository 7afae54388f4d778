// k6/websockets: a socket still open when its scenario ends is closed with a close frame, not a dropped connection
import { check } from 'k6';
import http from 'k6/http';
import { setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';

export const options = {
  scenarios: { hold: { executor: 'constant-vus', vus: 1, duration: '300ms', gracefulStop: '0s' } },
  thresholds: { checks: ['rate==1'] },
};

export default function () {
  new WebSocket(`${__ENV.WS_URL}/ws/record`);
}

// Async, so the runner's event loop finishes the closing handshake before the server is asked.
export async function teardown() {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const code = http.get(`${__ENV.BASE_URL}/ws/last-close`).body;
  check(code, { 'server saw a close frame (not 1006)': (c) => Number(c) >= 1000 && c !== '1006' });
}
