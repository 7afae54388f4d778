// Design measurement for blocking VUs (see the runner README): what one worker
// thread per VU would cost — the only way Atomics.wait could block one VU
// without blocking the others. Starts N workers that each create a node:vm
// context (as a VU does) and reports the RSS per worker.
//   tsx harness/runner/bench/worker-per-vu.ts [--workers 50]
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '50' } } });
const n = Number(values.workers);
const source = `
const vm = require('node:vm');
const { parentPort } = require('node:worker_threads');
const ctx = vm.createContext({});
vm.runInContext('globalThis.x = { a: 1 }', ctx);
parentPort.postMessage('ready');
setInterval(() => {}, 1 << 30);
`;
global.gc?.();
const before = process.memoryUsage().rss;
const t0 = Date.now();
const workers = await Promise.all(
  Array.from(
    { length: n },
    () =>
      new Promise<Worker>((resolve) => {
        const w = new Worker(source, { eval: true });
        w.once('message', () => resolve(w));
      }),
  ),
);
const startMs = Date.now() - t0;
await new Promise((r) => setTimeout(r, 500));
const rss = process.memoryUsage().rss - before;
console.log(
  `${n} workers (one vm context each): +${(rss / 2 ** 20).toFixed(1)} MiB RSS = ${(rss / n / 2 ** 20).toFixed(2)} MiB per worker; started in ${startMs} ms; 1,000 would need ≈ ${(((rss / n) * 1000) / 2 ** 30).toFixed(1)} GiB`,
);
await Promise.all(workers.map((w) => w.terminate()));
