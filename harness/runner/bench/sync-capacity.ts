// Sync-style capacity: VUS VUs each doing `http.get(url); sleep(1)` (blocking
// k6 style) against a local HTTP server in its own process. Prints peak RSS,
// runner CPU, and how closely the VUs kept k6's timing.
//   tsx harness/runner/bench/sync-capacity.ts [--vus 1000] [--seconds 20] [--delay-ms 50]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from '../../run/machine-info.ts';
import { runScript } from '../run-script.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    vus: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    'delay-ms': { type: 'string', default: '50' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: tsx harness/runner/bench/sync-capacity.ts [--vus 1000] [--seconds 20] [--delay-ms 50]');
  process.exit(0);
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const child = spawn(process.execPath, [join(here, 'slow-http-server.mjs')], {
  env: { ...process.env, DELAY_MS: values['delay-ms'] },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = (await once(child.stdout!, 'data')) as [Buffer];
const port = /listening (\d+)/.exec(line.toString())?.[1];
if (!port) throw new Error(`http server did not start: ${line.toString()}`);

const m = machineInfo();
console.log(
  `machine: ${m.cpus} × ${m.cpuModel}, ${mib(m.memoryBytes)} RAM, ${m.os}, Node ${m.node}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
global.gc?.();
const before = process.memoryUsage().rss;
let peakRss = 0;
const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const cpu0 = process.cpuUsage();
const t0 = Date.now();
const outcome = await runScript({
  scriptPath: join(here, 'sync-script.js'),
  env: { URL: `http://127.0.0.1:${port}/`, VUS: values.vus!, SECONDS: values.seconds! },
  quiet: true,
});
const wall = (Date.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(timer);
child.kill('SIGTERM');
const s = outcome.summary.metrics;
const vus = Number(values.vus);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const reqs = s.http_reqs?.values.count ?? 0;
console.log(
  `sync-style: ${vus} VUs × (http.get + sleep(1)) for ${values.seconds} s against a ${values['delay-ms']} ms server, exit ${outcome.exitCode}, wall ${wall.toFixed(1)} s`,
);
console.log(
  `  peak RSS ${mib(peakRss)} (+${mib(peakRss - before)}, ${((peakRss - before) / vus / 1024).toFixed(0)} KiB per VU); runner CPU ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / wall) * 100).toFixed(0)}% of one core)`,
);
console.log(
  `  ${reqs} requests (${(reqs / Number(values.seconds)).toFixed(0)}/s; ideal ${(vus / (1 + Number(values['delay-ms']) / 1000)).toFixed(0)}/s), ${(reqs / cpuSeconds).toFixed(0)} per CPU-second; checks ${((s.checks?.values.rate ?? 0) * 100).toFixed(1)}% ok`,
);
console.log(
  `  http_req_duration avg ${s.http_req_duration?.values.avg?.toFixed(1)} ms p(95) ${s.http_req_duration?.values['p(95)']?.toFixed(1)} ms; iteration_duration avg ${s.iteration_duration?.values.avg?.toFixed(0)} ms p(95) ${s.iteration_duration?.values['p(95)']?.toFixed(0)} ms (ideal ${1000 + Number(values['delay-ms'])} ms)`,
);
console.log(
  `  load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
