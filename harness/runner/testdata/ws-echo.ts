import { check } from 'k6';
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';
import { WebSocket } from 'k6/websockets';
import { encode, type EchoMsg } from './lib/echo.ts';

const echoRtt = new Trend('echo_rtt', true);

export const options = {
  vus: 5,
  duration: '1s',
  thresholds: {
    ws_msgs_received: ['count>0'],
    echo_rtt: ['p(95)<1000'],
    'echo_rtt{kind:echo}': ['max<2000'],
  },
};

const ROUNDS = 3;

export default function () {
  const ws = new WebSocket(__ENV.WS_URL as string);
  let seq = 0;
  ws.onopen = () => ws.send(encode({ vu: exec.vu.idInTest, seq, sentAt: Date.now() }));
  ws.onmessage = (event) => {
    const msg = JSON.parse(String(event?.data)) as EchoMsg;
    echoRtt.add(Date.now() - msg.sentAt, { kind: 'echo' });
    check(msg, { 'echo is ours': (m) => m.vu === exec.vu.idInTest && m.seq === seq });
    if (++seq < ROUNDS) ws.send(encode({ vu: exec.vu.idInTest, seq, sentAt: Date.now() }));
    else ws.close();
  };
}
