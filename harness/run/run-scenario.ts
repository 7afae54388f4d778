import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CATALOGUE } from '../../dashboards/catalogue.ts';
import type { RunResults } from '../../reports/results.ts';
import { writeRunArtifacts } from '../../reports/write-run.ts';
import { attachLab, startLab, type Lab } from '../lab/index.ts';
import { runsDir } from '../paths.ts';
import { runScript } from '../runner/index.ts';
import { gitRevision, machineInfo } from './machine-info.ts';
import { queryRange, stepFor } from './prometheus-query.ts';
import { resolveScenario, runSpecSchema, type RunSpecInput } from './run-spec.ts';
import { listScenarios } from './scenario-list.ts';

export interface RunOutput {
  exitCode: number;
  dir: string;
  results: RunResults;
}

export interface RunOptions {
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * One run, end to end: lab up (or attach), script against the client URL,
 * Prometheus series over the run window, artefacts written, lab down.
 */
export async function runScenario(input: RunSpecInput, { log = () => {}, signal }: RunOptions = {}): Promise<RunOutput> {
  const spec = runSpecSchema.parse(input);
  const script = resolveScenario(spec.scenario, listScenarios());
  const scenario = basename(script).replace(/\.(ts|js)$/, '');
  const lab: Lab = spec.attachTo ? await attachLab(spec.attachTo) : await startLab(spec.lab, { log, signal });
  try {
    const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${scenario}`;
    const dir = spec.outDir ?? join(runsDir, runId);
    await mkdir(dir, { recursive: true });
    const env = { SWAGBOARD_URL: lab.endpoints.clientUrl, ...spec.env };
    log(`run ${runId}: ${scenario} against ${lab.endpoints.clientUrl}`);
    const startedAt = new Date();
    const outcome = await runScript({
      scriptPath: script,
      env,
      overrides: { vus: spec.vus, duration: spec.duration },
      signal,
      outputDir: dir,
      onProgress: (p) => log(`  ${(p.elapsedMs / 1000).toFixed(0)} s: ${p.vus} VUs, ${p.iterations} iterations`),
    });
    const endedAt = new Date();
    const scrape = lab.state.spec.scrapeIntervalSeconds;
    await sleep(2 * scrape * 1000 + 500); // let Prometheus scrape the last samples
    const windowStart = new Date(startedAt.getTime() - 5_000);
    const windowEnd = new Date(Date.now());
    const step = stepFor(windowStart, windowEnd, scrape);
    log('collecting Prometheus series');
    const series = await Promise.all(
      CATALOGUE.filter((q) => q.kind !== 'stat').map((q) => queryRange(lab.endpoints.prometheusUrl, q, windowStart, windowEnd, step)),
    );
    const results: RunResults = {
      schema: 1,
      runId,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      settings: {
        scenario,
        replicas: lab.state.spec.replicas,
        bus: lab.state.spec.bus,
        env: spec.env,
        gitRevision: await gitRevision(),
        machine: machineInfo(),
        runner: spec.runner,
      },
      summary: outcome.summary,
      series,
      chaos: [],
      exitCode: outcome.exitCode,
    };
    await writeRunArtifacts(dir, results);
    log(`report: ${join(dir, 'index.html')}`);
    return { exitCode: outcome.exitCode, dir, results };
  } finally {
    if (!spec.attachTo) {
      log('stopping lab');
      await lab.stop();
    }
  }
}
