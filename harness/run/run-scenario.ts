import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CATALOGUE } from '../../dashboards/catalogue.ts';
import { findKnee } from '../../reports/knee/find-knee.ts';
import type { RunResults } from '../../reports/results.ts';
import { buildWarmup } from '../../reports/warmup/warmup.ts';
import { writeRunArtifacts } from '../../reports/write-run.ts';
import { systemClock, type Clock } from '../clock.ts';
import { baselineSeconds } from '../cost/baseline.ts';
import { startRunCost } from '../cost/run-cost.ts';
import { attachLab, startLab, type Lab } from '../lab/index.ts';
import { runsDir } from '../paths.ts';
import { stderrLogger } from '../runner/logger.ts';
import { runScript } from '../runner/index.ts';
import {
  LAB_REMOTE_WRITE_ENV,
  RemoteWriteOutput,
  remoteWriteConfigFromEnv,
} from '../runner/outputs/prometheus-rw/index.ts';
import { planPlayer, type ChaosPlayer, type ChaosPlayerOptions } from './chaos-player.ts';
import { collectHistory, historyLineCatcher } from './collect-history.ts';
import { collectTraces } from './collect-traces.ts';
import { collectWaterfall } from './collect-waterfall.ts';
import { FaultSeriesWriter } from './fault-series-writer.ts';
import { gitRevision, machineInfo } from './machine-info.ts';
import { queryRange, stepFor } from './prometheus-query.ts';
import { resolveScenario, runSpecSchema, type RunSpecInput } from './run-spec.ts';
import { listScenarios } from './scenario-list.ts';
import { runStamp } from './run-stamp.ts';
import { runSegmented } from './segments/run-segmented.ts';

export interface RunOutput {
  exitCode: number;
  dir: string;
  results: RunResults;
}

export interface RunOptions {
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Plays chaos during the run instead of spec.plan's player (tests inject simple ones). */
  chaos?: ChaosPlayer;
  /** The run's one clock: the runner, remote write, cost meter and chaos player pace and stamp on it. */
  clock?: Clock;
}

/**
 * One run, end to end: lab up (or attach), script against the client URL,
 * Prometheus series over the run window, artefacts written, lab down.
 */
export async function runScenario(
  input: RunSpecInput,
  { log = () => {}, signal, chaos, clock = systemClock }: RunOptions = {},
): Promise<RunOutput> {
  const spec = runSpecSchema.parse(input);
  const script = resolveScenario(spec.scenario, listScenarios());
  const scenario = basename(script).replace(/\.(ts|js)$/, '');
  // Resolve the plan before starting containers: a bad plan name should cost nothing.
  const player = chaos ?? (spec.plan ? await planPlayer(spec.plan) : undefined);
  const lab: Lab = spec.attachTo ? await attachLab(spec.attachTo) : await startLab(spec.lab, { log, signal });
  try {
    const runId = `${runStamp()}-${scenario}`;
    const dir = spec.outDir ?? join(runsDir, runId);
    await mkdir(dir, { recursive: true });
    const env = {
      SWAGBOARD_URL: lab.endpoints.clientUrl,
      SWAGBOARD_SLOW_URL: lab.endpoints.slowClientUrl,
      // For what only the servers can count (scenarios/lib/server-counter.ts).
      PROMETHEUS_URL: lab.endpoints.prometheusUrl,
      RUN_ID: runId,
      REPLICAS: String(lab.state.spec.replicas),
      ...spec.env,
    };
    log(`run ${runId}: ${scenario} against ${lab.endpoints.clientUrl}${spec.plan ? ` with plan ${spec.plan}` : ''}`);
    const remoteWrite = new RemoteWriteOutput(remoteWriteConfigFromEnv(remoteWriteEnv(lab), { run_id: runId }), {
      log,
      clock,
    });
    remoteWrite.start();
    const chaosStop = new AbortController();
    const cost = await startRunCost(lab, baselineSeconds(spec), { log, signal, clock });
    const startedAt = new Date(clock.now());
    // Client histories come out of the VUs as console lines (single-process runs); the rest of the log goes where it always went.
    const historyLines = historyLineCatcher(spec.quiet ? () => {} : stderrLogger(startedAt.getTime()));
    // Faults as a series in the lab's Prometheus too, so dashboards can annotate them (dashboards/fault-series.ts).
    const faultSeries = new FaultSeriesWriter(
      `${lab.endpoints.prometheusUrl}/api/v1/write`,
      { run_id: runId },
      { log },
    );
    const chaosPlayed = player
      ? playChaos(player, lab, chaosStop.signal, signal, log, faultSeries.record, clock)
      : Promise.resolve([]);
    // The meter samples every second until end(): end it however the script stops, thrown errors included.
    const run =
      spec.instances > 1
        ? runSegmented({
            scriptPath: script,
            env,
            instances: spec.instances,
            runId,
            remoteWriteEnv: remoteWriteEnv(lab),
            dir,
            signal,
            log,
          })
        : runScript(
            {
              scriptPath: script,
              env,
              signal,
              outputDir: dir,
              quiet: spec.quiet,
              onLog: historyLines.onLog,
              onSample: remoteWrite.onSample,
              onProgress: (p) =>
                log(`  ${(p.elapsedMs / 1000).toFixed(0)} s: ${p.vus} VUs, ${p.iterations} iterations`),
            },
            clock,
          );
    const outcome = await run.finally(() => cost.end());
    const endedAt = new Date(clock.now());
    chaosStop.abort(new Error('run ended'));
    const chaosTimeline = await chaosPlayed;
    await faultSeries.flush();
    const written = await remoteWrite.stop();
    if (written.failures > 0)
      log(
        `remote write: ${written.failures} of ${written.pushes + written.failures} pushes failed (${written.lastError})`,
      );
    const scrape = lab.state.spec.scrapeIntervalSeconds;
    await clock.sleep(2 * scrape * 1000 + 500); // let Prometheus scrape the last samples
    const windowStart = new Date(startedAt.getTime() - 5_000);
    const windowEnd = new Date(clock.now());
    const step = stepFor(windowStart, windowEnd, scrape);
    log('collecting Prometheus series');
    const series = await Promise.all(
      CATALOGUE.filter((q) => q.kind !== 'stat').map((q) =>
        queryRange(lab.endpoints.prometheusUrl, q, windowStart, windowEnd, step),
      ),
    );
    const traces = await collectTraces(lab, windowStart, windowEnd, log);
    const warmup = buildWarmup(outcome.summary, endedAt);
    const waterfall = await collectWaterfall(
      lab.endpoints.prometheusUrl,
      outcome.summary,
      { runStart: startedAt, evaluateAt: windowEnd, warmup },
      log,
    );
    const histories = historyLines.histories();
    const history =
      histories.length > 0 || scenario === 'history'
        ? await collectHistory(lab.endpoints.clientUrl, histories, {
            problems: historyLines.problems,
            log,
            runDir: dir,
            expectedClients: outcome.summary.metrics.swag_history_clients?.values.count,
            runnerErrors: historyLines.errors,
          })
        : undefined;
    const results: RunResults = {
      schema: 1,
      runId,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      settings: {
        scenario,
        replicas: lab.state.spec.replicas,
        bus: lab.state.spec.bus,
        ...(spec.plan ? { plan: spec.plan } : {}),
        env: spec.env,
        gitRevision: await gitRevision(),
        machine: machineInfo(),
        runner: 'swaglab',
        ...(spec.instances > 1 ? { instances: spec.instances } : {}),
      },
      summary: outcome.summary,
      series,
      chaos: chaosTimeline,
      exitCode: outcome.exitCode,
      ...(traces ? { traces } : {}),
      cost: await cost.results(),
      ...(waterfall ? { waterfall } : {}),
      ...(warmup ? { warmup } : {}),
      ...(history ? { history } : {}),
    };
    results.knee = findKnee(results.summary, results.cost); // capacity runs only: absent without per-step figures
    await writeRunArtifacts(dir, results);
    log(`report: ${join(dir, 'index.html')}`);
    // A failed history check fails the run like a failed threshold (99), unless the runner already failed.
    return { exitCode: outcome.exitCode === 0 && history && !history.passed ? 99 : outcome.exitCode, dir, results };
  } finally {
    if (spec.attachTo) {
      await lab.release();
    } else {
      log('stopping lab');
      await lab.stop();
    }
  }
}

/** The runner's remote-write settings for this lab: the lab's defaults, the environment's K6_PROMETHEUS_RW_*, the lab's Prometheus. */
function remoteWriteEnv(lab: Lab): Record<string, string> {
  const fromEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[0].startsWith('K6_PROMETHEUS_RW_') && e[1] !== undefined,
    ),
  );
  return {
    ...LAB_REMOTE_WRITE_ENV,
    ...fromEnv,
    K6_PROMETHEUS_RW_SERVER_URL: `${lab.endpoints.prometheusUrl}/api/v1/write`,
  };
}

/** Plays the plan next to the runner; a failing plan is logged and recorded, never fatal to the run. */
async function playChaos(
  player: ChaosPlayer,
  lab: Lab,
  runEnded: AbortSignal,
  interrupted: AbortSignal | undefined,
  log: (line: string) => void,
  onFault: ChaosPlayerOptions['onFault'],
  clock: Clock,
) {
  const signal = interrupted ? AbortSignal.any([runEnded, interrupted]) : runEnded;
  const started = new Date(clock.now()).toISOString();
  try {
    return await player(lab, { signal, log: (line) => log(`chaos: ${line}`), onFault, clock });
  } catch (error) {
    log(`chaos: plan failed: ${(error as Error).message}`);
    return [
      {
        action: 'plan-failed',
        target: 'lab',
        start: started,
        end: new Date(clock.now()).toISOString(),
        detail: { error: (error as Error).message },
      },
    ];
  }
}
