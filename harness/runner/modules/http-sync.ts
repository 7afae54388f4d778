import { Worker } from 'node:worker_threads';

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array;
  url: string;
  error?: string;
  durationMs: number;
}

const CAPACITY = 16 * 1024 * 1024;

// Runs in the helper thread: performs fetches and hands results back through
// shared memory, so the main thread can block on Atomics.wait.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ req, sab }) => {
  const ctrl = new Int32Array(sab, 0, 2);
  const bytes = new Uint8Array(sab, 8);
  const started = performance.now();
  let out;
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: 'follow', signal: AbortSignal.timeout(req.timeoutMs) });
    const body = Buffer.from(await res.arrayBuffer());
    out = { status: res.status, statusText: res.statusText, headers: Object.fromEntries(res.headers), url: res.url, body: body.toString('base64'), durationMs: performance.now() - started };
  } catch (e) {
    out = { status: 0, statusText: '', headers: {}, url: req.url, body: '', error: String(e && e.cause ? e.cause.message || e.cause : e && e.message || e), durationMs: performance.now() - started };
  }
  let encoded = Buffer.from(JSON.stringify(out));
  if (encoded.length > bytes.length) {
    encoded = Buffer.from(JSON.stringify({ ...out, body: '', error: 'response too large for synchronous http (16 MiB); use http.asyncRequest' }));
  }
  bytes.set(encoded);
  Atomics.store(ctrl, 1, encoded.length);
  Atomics.store(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
});
`;

let worker: Worker | undefined;
let shared: SharedArrayBuffer | undefined;

/**
 * Truly synchronous HTTP: a helper thread does the request while this thread
 * waits on shared memory, blocking the whole runner. Only the fallback for a
 * blocking call in setup()/teardown() that the load-time transform could not
 * turn into an await (no VU iterates then); VU code never gets here (see
 * script/blocking-transform.ts).
 */
export function requestSync(req: RawRequest): RawResponse {
  worker ??= new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  shared ??= new SharedArrayBuffer(8 + CAPACITY);
  const ctrl = new Int32Array(shared, 0, 2);
  Atomics.store(ctrl, 0, 0);
  worker.postMessage({ req, sab: shared });
  const waited = Atomics.wait(ctrl, 0, 0, req.timeoutMs + 5000);
  if (waited === 'timed-out') {
    return {
      status: 0,
      statusText: '',
      headers: {},
      body: new Uint8Array(),
      url: req.url,
      error: 'request timeout',
      durationMs: req.timeoutMs,
    };
  }
  const len = Atomics.load(ctrl, 1);
  const parsed = JSON.parse(Buffer.from(new Uint8Array(shared, 8, len)).toString('utf8')) as Omit<
    RawResponse,
    'body'
  > & { body: string };
  return { ...parsed, body: Buffer.from(parsed.body, 'base64') };
}

export async function stopSyncHttp(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
