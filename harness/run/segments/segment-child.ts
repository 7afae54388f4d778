// One runner instance of a segmented run, in its own process (as k6-operator
// runs one k6 per pod): runs its execution segment of the script, streams to
// the lab's Prometheus labelled by instance, and writes its summary plus its
// trend values for the parent to merge.
//   node --import tsx segment-child.ts '<SegmentChildConfig JSON>'
import { writeFile } from 'node:fs/promises';
import { RemoteWriteOutput, remoteWriteConfigFromEnv } from '../../runner/outputs/prometheus-rw/index.ts';
import { runScript } from '../../runner/run-script.ts';
import type { InstanceResult, SegmentChildConfig } from './instance-result.ts';
import { TrendRecorder } from './trend-recorder.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as SegmentChildConfig;
const remoteWrite = new RemoteWriteOutput(remoteWriteConfigFromEnv(config.remoteWriteEnv, { run_id: config.runId }), {
  log: (m) => process.stderr.write(`${m}\n`),
});
const trends = new TrendRecorder();
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
remoteWrite.start();
const outcome = await runScript({
  scriptPath: config.scriptPath,
  env: config.env,
  overrides: config.overrides,
  tags: { instance: config.instance },
  executionSegment: config.segment,
  executionSegmentSequence: config.sequence,
  signal: abort.signal,
  outputDir: config.outputDir,
  quiet: true,
  onSample: (s) => {
    remoteWrite.onSample(s);
    trends.onSample(s);
  },
});
const written = await remoteWrite.stop();
if (written.failures > 0)
  process.stderr.write(
    `remote write: ${written.failures} of ${written.pushes + written.failures} pushes failed (${written.lastError})\n`,
  );
const trendKeys = Object.entries(outcome.summary.metrics)
  .filter(([, m]) => m.type === 'trend')
  .map(([key]) => key);
const result: InstanceResult = {
  instance: config.instance,
  segment: config.segment,
  exitCode: outcome.exitCode,
  ...(outcome.error ? { error: outcome.error } : {}),
  summary: outcome.summary,
  trendValues: trends.valuesFor(trendKeys),
};
await writeFile(config.resultPath, JSON.stringify(result));
process.exitCode = outcome.exitCode;
