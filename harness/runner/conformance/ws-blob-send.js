// k6/websockets: send() takes a Blob (and ArrayBuffer); binaryType arraybuffer receives ArrayBuffers, in order
import { check } from 'k6';
import { WebSocket } from 'k6/websockets';

export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };

export default function () {
  const ws = new WebSocket(`${__ENV.WS_URL}/ws/echo`);
  ws.binaryType = 'arraybuffer';
  const got = [];
  ws.onopen = () => {
    ws.send(new Blob(['hello ', 'blob']));
    ws.send(new Uint8Array([1, 2, 3]).buffer);
  };
  ws.onmessage = (e) => {
    got.push(e.data);
    if (got.length < 2) return;
    check(got, {
      'blob echoed as its bytes': (g) =>
        g[0].byteLength === 10 && String.fromCharCode(...new Uint8Array(g[0])) === 'hello blob',
      'arraybuffer after it': (g) => new Uint8Array(g[1]).join(',') === '1,2,3',
      'received data is an ArrayBuffer of the script': (g) =>
        g[0] instanceof ArrayBuffer && g[1] instanceof ArrayBuffer,
    });
    ws.close();
  };
}
