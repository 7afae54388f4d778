// The rejoining clients of rejoin-bench.ts, in their own thread so that the server's thread only serves.
// On { kind: 'round', since, until }: opens every socket at once, says hello with `since` (a resume), and times
// each client to its welcome and to the event with seq `until` (caught up); then closes them all and reports.
// Plain JS: workers get no tsx loader.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const { url, count, board } = workerData;
const now = () => performance.timeOrigin + performance.now();
const ROUND_TIMEOUT_MS = 60_000;
const SEQ = /"seq":(\d+)/g;

/** One client: resolves with [ms to welcome, ms to caught up]. */
function rejoin(index, since, until, started) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let welcomedAt;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`client ${index} not caught up to seq ${until} within ${ROUND_TIMEOUT_MS} ms`));
    }, ROUND_TIMEOUT_MS);
    socket.on('error', reject);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'hello', v: 1, user: `rejoin-${index}`, boards: [{ board, since }] })),
    );
    socket.on('message', (data) => {
      const text = data.toString();
      if (welcomedAt === undefined) {
        if (!text.startsWith('{"type":"welcome"')) return;
        welcomedAt = now();
        if (since >= until) return done();
        return;
      }
      if (!text.startsWith('{"type":"event')) return;
      for (const match of text.matchAll(SEQ)) if (Number(match[1]) >= until) return done();
    });
    function done() {
      clearTimeout(timer);
      const caughtUp = now();
      socket.once('close', () => resolve([welcomedAt - started, caughtUp - started]));
      socket.close();
    }
  });
}

parentPort.on('message', async ({ since, until }) => {
  const started = now();
  try {
    const times = await Promise.all(Array.from({ length: count }, (_, i) => rejoin(i, since, until, started)));
    parentPort.postMessage({ kind: 'round', welcome: times.map((t) => t[0]), caughtUp: times.map((t) => t[1]) });
  } catch (error) {
    parentPort.postMessage({ kind: 'failed', message: error.message });
  }
});
