// What tracing costs the lab: start-up with and without Zipkin, and Zipkin's CPU during a short
// cross-node-latency run at several sampling ratios (from each run's own cost section, warm images):
//   tsx harness/lab/measure-traces.ts off 0.05 1
import { runScenario } from '../run/run-scenario.ts';
import { startLab } from './index.ts';

const modes = process.argv.slice(2).length ? process.argv.slice(2) : ['off', '0.05', '1'];
const env = {
  VUS: process.env.VUS ?? '24',
  WRITE_EVERY_MS: process.env.WRITE_EVERY_MS ?? '1000',
  DURATION: process.env.DURATION ?? '30s',
};

for (const mode of modes) {
  const traces = mode !== 'off';
  const started = performance.now();
  const lab = await startLab(
    { replicas: 3, traces, ...(traces ? { traceSampleRatio: Number(mode) } : {}) },
    { log: (line) => line.startsWith('zipkin:') && console.log(line) },
  );
  const upSeconds = (performance.now() - started) / 1000;
  try {
    // Every run meters its own cost (cgroup v1 or v2, runner included): read Zipkin's share off it.
    const { results } = await runScenario({ scenario: 'cross-node-latency', attachTo: lab.id, env, quiet: true });
    const components = results.cost?.components ?? [];
    const seconds = results.cost?.windowSeconds ?? 0;
    const used = Object.fromEntries(
      components.filter((c) => c.name !== 'runner').map((c) => [c.name, c.cpuSeconds] as const),
    );
    const replicas = Object.entries(used)
      .filter(([n]) => n.startsWith('replica-'))
      .reduce((s, [, v]) => s + v, 0);
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
