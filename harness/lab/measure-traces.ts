// What tracing costs the lab: start-up with and without Zipkin, and Zipkin's CPU during a short
// cross-node-latency run at several sampling ratios (cgroup v1 or v2 counters, warm images):
//   tsx harness/lab/measure-traces.ts off 0.05 1
import { readFile } from 'node:fs/promises';
import { runScenario } from '../run/run-scenario.ts';
import { startLab } from './index.ts';

const modes = process.argv.slice(2).length ? process.argv.slice(2) : ['off', '0.05', '1'];
const env = { VUS: process.env.VUS ?? '24', WRITE_EVERY_MS: process.env.WRITE_EVERY_MS ?? '1000', DURATION: process.env.DURATION ?? '30s' };

/** Container CPU time in seconds: cgroup v1 cpuacct.usage (ns) or v2 cpu.stat usage_usec. */
async function cpuSeconds(id: string): Promise<number> {
  const v1 = await readFile(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`, 'utf8').catch(() => undefined);
  if (v1) return Number(v1) / 1e9;
  const v2 = await readFile(`/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`, 'utf8');
  return Number(/usage_usec (\d+)/.exec(v2)![1]) / 1e6;
}

async function fullIds(ids: Record<string, string>): Promise<Record<string, string>> {
  const { docker } = await import('../images/docker-cli.ts');
  const out: Record<string, string> = {};
  for (const [name, id] of Object.entries(ids)) out[name] = (await docker(['inspect', '-f', '{{.Id}}', id])).stdout.trim();
  return out;
}

for (const mode of modes) {
  const traces = mode !== 'off';
  const started = performance.now();
  const lab = await startLab({ replicas: 3, traces, ...(traces ? { traceSampleRatio: Number(mode) } : {}) }, { log: (line) => line.startsWith('zipkin:') && console.log(line) });
  const upSeconds = (performance.now() - started) / 1000;
  try {
    const ids = await fullIds(lab.state.containers);
    const before = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([n, id]) => [n, await cpuSeconds(id)] as const)));
    const runStarted = performance.now();
    const { results } = await runScenario({ scenario: 'cross-node-latency', attachTo: lab.id, env, quiet: true });
    const seconds = (performance.now() - runStarted) / 1000;
    const used = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([n, id]) => [n, (await cpuSeconds(id)) - before[n]!] as const)));
    const replicas = Object.entries(used).filter(([n]) => n.startsWith('replica-')).reduce((s, [, v]) => s + v, 0);
    const total = Object.values(used).reduce((s, v) => s + v, 0);
    const delivered = results.summary.metrics.swag_events_delivered?.values.count ?? 0;
    console.log(
      `traces ${mode.padEnd(5)} lab up ${upSeconds.toFixed(1)} s · ${seconds.toFixed(0)} s window, ${delivered} deliveries · ` +
        `zipkin ${(used.zipkin ?? 0).toFixed(2)} CPU-s, replicas ${replicas.toFixed(2)}, whole lab ${total.toFixed(2)} · ` +
        `slowest traced: ${results.traces?.slowest.length ?? '-'}${results.traces?.slowest[0] ? ` (max ${results.traces.slowest[0].durationMs.toFixed(1)} ms)` : ''}`,
    );
  } finally {
    await lab.stop();
  }
}
