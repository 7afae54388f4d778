// Bench subscribers in their own thread, so the server's thread only serves. Plain JS: workers get no tsx loader.
// Each frame is scanned for "seq": and "clientTs": without JSON.parse, to keep client cost low and equal in all modes.
// mode "swag-batched" says hello with "batch": true and takes `events` frames: each element counts as one delivery.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const { urls, count, board, mode, maxSamples } = workerData;
const now = () => performance.timeOrigin + performance.now();
const SEQ = Buffer.from('"seq":');
const TS = Buffer.from('"clientTs":');
const EVENT = Buffer.from('{"type":"event"');
const EVENTS = Buffer.from('{"type":"events"');
const batched = mode === 'swag-batched';

const sockets = [];
const perSeq = new Map();
const samples = new Float64Array(maxSamples);
let sampleCount = 0;
let deliveries = 0;
let bytes = 0;
let counting = false;
let closedEarly = 0;

/** The number after `key` at or after `from`, and where it ends; NaN when absent. */
function numberAt(buffer, key, from = 0) {
  const at = buffer.indexOf(key, from);
  if (at < 0) return { value: NaN, end: buffer.length };
  let end = at + key.length;
  while (end < buffer.length && buffer[end] !== 44 && buffer[end] !== 125) end++; // ',' or '}'
  return { value: Number(buffer.toString('latin1', at + key.length, end)), end };
}

function onFrame(data) {
  const received = now();
  if (batched && data.length >= EVENTS.length && data.compare(EVENTS, 0, EVENTS.length, 0, EVENTS.length) === 0) {
    // Elements are events in field order (board, seq, …, clientTs); a task has neither key.
    for (let from = 0; ;) {
      const seq = numberAt(data, SEQ, from);
      if (Number.isNaN(seq.value)) return;
      const sent = numberAt(data, TS, seq.end);
      from = sent.end;
      onEvent(seq.value, sent.value, received, data.length);
    }
  }
  if (data.length < EVENT.length || data.compare(EVENT, 0, EVENT.length, 0, EVENT.length) !== 0) return;
  onEvent(numberAt(data, SEQ).value, numberAt(data, TS).value, received, data.length);
}

function onEvent(seq, sent, received, frameBytes) {
  if (counting) {
    deliveries++;
    bytes += frameBytes;
    if (sampleCount < maxSamples) samples[sampleCount++] = received - sent;
  }
  const seen = (perSeq.get(seq) ?? 0) + 1;
  if (seen === count) {
    perSeq.delete(seq);
    parentPort.postMessage({ kind: 'done', seq, frameBytes });
  } else perSeq.set(seq, seen);
}

/** A subscriber not welcomed within this long fails the run instead of hanging it. */
const CONNECT_TIMEOUT_MS = 60_000;

function open(index) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`subscriber ${index} not ready after ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS,
    );
    timer.unref();
    const url = urls[index % urls.length];
    const socket = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(socket);
    socket.on('error', reject);
    socket.on('close', (code) => {
      if (socket.welcomed || mode === 'raw') closedEarly++;
    });
    socket.on('close', (code) => reject(new Error(`subscriber ${index} closed with ${code} before it was ready`)));
    socket.on('message', (data) => {
      if (mode !== 'raw' && socket.readyState === socket.OPEN && !socket.welcomed) {
        if (data.includes('"type":"welcome"')) {
          socket.welcomed = true;
          clearTimeout(timer);
          resolve();
        }
        return;
      }
      onFrame(data);
    });
    socket.on('open', () => {
      if (mode === 'raw') {
        clearTimeout(timer);
        resolve();
      } else
        socket.send(
          JSON.stringify({
            type: 'hello',
            v: 1,
            user: `bench-${index}`,
            boards: [{ board }],
            ...(batched ? { batch: true } : {}),
          }),
        );
    });
  });
}

parentPort.on('message', async (message) => {
  if (message.kind === 'start') {
    counting = true;
    return;
  }
  if (message.kind === 'stop') {
    counting = false;
    const sorted = samples.subarray(0, sampleCount).sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
    const closed = closedEarly;
    for (const socket of sockets) socket.terminate();
    parentPort.postMessage({
      kind: 'stopped',
      closed,
      deliveries,
      bytes,
      p50: at(0.5),
      p99: at(0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      samples: sampleCount,
    });
  }
});

// Connect in batches so the server's accept queue is not flooded.
const BATCH = 100;
try {
  for (let i = 0; i < count; i += BATCH)
    await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => open(i + j)));
  parentPort.postMessage({ kind: 'ready' });
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: String(error) });
}
