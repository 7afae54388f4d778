// Bench subscribers in their own thread, so the server's thread only serves. Plain JS: workers get no tsx loader.
// Each frame is scanned for "seq": and "clientTs": without JSON.parse, to keep client cost low and equal in both modes.
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

const { urls, count, board, mode, maxSamples } = workerData;
const now = () => performance.timeOrigin + performance.now();
const SEQ = Buffer.from('"seq":');
const TS = Buffer.from('"clientTs":');
const EVENT = Buffer.from('{"type":"event"');

const sockets = [];
const perSeq = new Map();
const samples = new Float64Array(maxSamples);
let sampleCount = 0;
let deliveries = 0;
let bytes = 0;
let counting = false;
let closedEarly = 0;

function numberAt(buffer, key) {
  const at = buffer.indexOf(key);
  if (at < 0) return NaN;
  let end = at + key.length;
  while (end < buffer.length && buffer[end] !== 44 && buffer[end] !== 125) end++; // ',' or '}'
  return Number(buffer.toString("latin1", at + key.length, end));
}

function onFrame(data) {
  const received = now();
  if (data.length < EVENT.length || data.compare(EVENT, 0, EVENT.length, 0, EVENT.length) !== 0) return;
  const seq = numberAt(data, SEQ);
  const sent = numberAt(data, TS);
  if (counting) {
    deliveries++;
    bytes += data.length;
    if (sampleCount < maxSamples) samples[sampleCount++] = received - sent;
  }
  const seen = (perSeq.get(seq) ?? 0) + 1;
  if (seen === count) {
    perSeq.delete(seq);
    parentPort.postMessage({ kind: "done", seq, frameBytes: data.length });
  } else perSeq.set(seq, seen);
}

/** A subscriber not welcomed within this long fails the run instead of hanging it. */
const CONNECT_TIMEOUT_MS = 60_000;

function open(index) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subscriber ${index} not ready after ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    timer.unref();
    const url = urls[index % urls.length];
    const socket = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(socket);
    socket.on("error", reject);
    socket.on("close", (code) => {
      if (socket.welcomed || mode === "raw") closedEarly++;
    });
    socket.on("close", (code) => reject(new Error(`subscriber ${index} closed with ${code} before it was ready`)));
    socket.on("message", (data) => {
      if (mode === "swag" && socket.readyState === socket.OPEN && !socket.welcomed) {
        if (data.includes('"type":"welcome"')) {
          socket.welcomed = true;
          clearTimeout(timer);
          resolve();
        }
        return;
      }
      onFrame(data);
    });
    socket.on("open", () => {
      if (mode === "raw") {
        clearTimeout(timer);
        resolve();
      }
      else socket.send(JSON.stringify({ type: "hello", v: 1, user: `bench-${index}`, boards: [{ board }] }));
    });
  });
}

parentPort.on("message", async (message) => {
  if (message.kind === "start") {
    counting = true;
    return;
  }
  if (message.kind === "stop") {
    counting = false;
    const sorted = samples.subarray(0, sampleCount).sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
    const closed = closedEarly;
    for (const socket of sockets) socket.terminate();
    parentPort.postMessage({ kind: "stopped", closed, deliveries, bytes, p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN, samples: sampleCount });
  }
});

// Connect in batches so the server's accept queue is not flooded.
const BATCH = 100;
try {
  for (let i = 0; i < count; i += BATCH) await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => open(i + j)));
  parentPort.postMessage({ kind: "ready" });
} catch (error) {
  parentPort.postMessage({ kind: "failed", message: String(error) });
}
