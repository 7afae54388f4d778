// Measures the runner's own capacity on this machine and prints the figures:
//   1. concurrent WebSocket connections held (one VU each, as k6 scripts do)
//      and memory per connection (RSS and heap growth ÷ connections);
//   2. messages received per second per core: a local server (own process)
//      floods a few connections; runner CPU time comes from process.cpuUsage.
// Usage: tsx harness/runner/bench/capacity.ts [--conns 1000] [--flood-conns 20] [--seconds 10]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from '../../run/machine-info.ts';
import { runScript } from '../run-script.ts';

const here = import.meta.dirname;
const USAGE =
  'usage: tsx harness/runner/bench/capacity.ts [--conns 1000] [--flood-conns 20] [--seconds 10] [--size 100]\n';
const { values } = parseCliArgs();
function parseCliArgs() {
  try {
    return parseArgs({
      options: {
        conns: { type: 'string', default: '1000' },
        'flood-conns': { type: 'string', default: '20' },
        seconds: { type: 'string', default: '10' },
        size: { type: 'string', default: '100' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    // A wrong flag is a usage error, not a crash with a stack trace.
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const conns = Number(values.conns);
const floodConns = Number(values['flood-conns']);
const seconds = Number(values.seconds);

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(here, 'blast-server.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = /listening (\d+)/.exec(line.toString())?.[1];
  if (!port) throw new Error(`blast server did not start: ${line.toString()}`);
  return { url: `ws://127.0.0.1:${port}`, child };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function connectionsPhase(): Promise<void> {
  const { url, child } = await startServer({ RATE: '0' });
  global.gc?.();
  const before = process.memoryUsage();
  let peak = { rss: 0, heapUsed: 0, open: 0 };
  let open = 0;
  const started = Date.now();
  let allOpenAt = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (open >= peak.open) peak = { rss: m.rss, heapUsed: m.heapUsed, open };
  }, 250);
  const outcome = await runScript({
    scriptPath: join(here, 'capacity-script.js'),
    env: { URL: url, CONNS: String(conns), HOLD_S: String(seconds) },
    quiet: true,
    onSample: (s) => {
      if (s.metric === 'ws_connecting') {
        open += 1;
        if (open === conns) allOpenAt = Date.now();
      }
    },
  });
  clearInterval(timer);
  child.kill('SIGTERM');
  const sessions = outcome.summary.metrics.ws_sessions?.values.count ?? 0;
  console.log(
    `connections: ${open} of ${conns} opened (${sessions} sessions), all open after ${allOpenAt ? ((allOpenAt - started) / 1000).toFixed(1) : '—'} s, exit ${outcome.exitCode}`,
  );
  console.log(
    `  at peak (${peak.open} open): RSS ${mib(peak.rss)} (+${mib(peak.rss - before.rss)}), heap ${mib(peak.heapUsed)} (+${mib(peak.heapUsed - before.heapUsed)})`,
  );
  if (peak.open > 0)
    console.log(
      `  per connection (VU + socket): ${((peak.rss - before.rss) / peak.open / 1024).toFixed(0)} KiB RSS, ${((peak.heapUsed - before.heapUsed) / peak.open / 1024).toFixed(0)} KiB heap`,
    );
}

async function floodPhase(): Promise<void> {
  const { url, child } = await startServer({ RATE: '20000', SIZE: values.size! });
  let received = 0;
  let windowStart = 0;
  let cpuStart = process.cpuUsage();
  let receivedAtStart = 0;
  const warmupMs = 2000;
  const t0 = Date.now();
  const outcome = await runScript({
    scriptPath: join(here, 'capacity-script.js'),
    env: { URL: url, CONNS: String(floodConns), HOLD_S: String(seconds) },
    quiet: true,
    onSample: (s) => {
      if (s.metric !== 'ws_msgs_received') return;
      received += 1;
      if (!windowStart && Date.now() - t0 > warmupMs) {
        windowStart = Date.now();
        cpuStart = process.cpuUsage();
        receivedAtStart = received;
      }
    },
  });
  const windowEnd = Date.now();
  const cpu = process.cpuUsage(cpuStart);
  child.kill('SIGTERM');
  const wall = (windowEnd - windowStart) / 1000 - 1; // the last second is closing
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const msgs = received - receivedAtStart;
  console.log(
    `messages: ${floodConns} connections flooded with ${values.size}-byte messages, exit ${outcome.exitCode}`,
  );
  if (!windowStart) {
    console.log(
      `  no figure: --seconds ${seconds} ended within the ${warmupMs / 1000} s warm-up; use at least ${warmupMs / 1000 + 2}`,
    );
    return;
  }
  console.log(
    `  received ${msgs} in ${(wall + 1).toFixed(1)} s = ${Math.round(msgs / (wall + 1))}/s wall; runner CPU ${cpuSeconds.toFixed(1)} s → ${Math.round(msgs / cpuSeconds)} messages per CPU-second (per core)`,
  );
}

const m = machineInfo();
console.log(`machine: ${m.cpus} × ${m.cpuModel}, ${mib(m.memoryBytes)} RAM, ${m.os}, Node ${m.node}`);
await connectionsPhase();
await floodPhase();
