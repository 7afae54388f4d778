// `swaglab compare`: runs a matrix (scenario × bus × replicas, each repeated)
// or reads earlier runs, and writes one comparison page next to the data.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareRuns } from '../../reports/compare/analyse.ts';
import { renderComparison } from '../../reports/compare/render-comparison.ts';
import { readRunResults } from '../../reports/read-run.ts';
import type { RunResults } from '../../reports/results.ts';
import { runsDir } from '../paths.ts';
import { machineInfo } from './machine-info.ts';
import { runScenario, type RunOptions } from './run-scenario.ts';
import { scenarioRunSpec } from './build-run-spec.ts';
import { runStamp } from './run-stamp.ts';
import { loadSuitesFile } from './suites-file.ts';

export interface CompareMatrix {
  scenarios: string[];
  buses: Array<'redis' | 'nats'>;
  replicas: number[];
  repeat: number;
  env: Record<string, string>;
  plan?: string;
}

/** Every cell of the matrix, repeats interleaved (redis, nats, redis, nats…) so slow drift on the machine hits both buses alike. */
export async function runMatrix(matrix: CompareMatrix, options: RunOptions = {}): Promise<RunResults[]> {
  const file = loadSuitesFile();
  const out: RunResults[] = [];
  for (let round = 1; round <= matrix.repeat; round++) {
    for (const scenario of matrix.scenarios) {
      for (const replicas of matrix.replicas) {
        for (const bus of matrix.buses) {
          if (options.signal?.aborted) return out;
          options.log?.(`compare: round ${round}/${matrix.repeat} ${scenario} on ${bus}, ${replicas} replicas`);
          const spec = scenarioRunSpec(
            scenario,
            { lab: { replicas, bus }, env: matrix.env, plan: matrix.plan, quiet: true },
            file,
          );
          const output = await runScenario(spec, options);
          out.push(output.results);
        }
      }
    }
  }
  return out;
}

/** results.json of the given run directories (or of every run under reports/runs, suites included), each run once. */
export async function readRuns(dirs: string[]): Promise<RunResults[]> {
  const all = await readRunsIn(dirs);
  return [...new Map(all.map((r) => [r.runId, r])).values()];
}

async function readRunsIn(dirs: string[]): Promise<RunResults[]> {
  const candidates = dirs.length > 0 ? dirs.map((d) => resolve(d)) : await allRunDirs(runsDir);
  const out: RunResults[] = [];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'results.json'))) out.push(await readRunResults(dir));
    else out.push(...(await readRunsIn(await allRunDirs(dir))));
  }
  return out;
}

async function allRunDirs(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  return (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(root, e.name));
}

export async function writeComparison(runs: RunResults[], outDir?: string): Promise<{ dir: string; html: string }> {
  // Under reports/runs (ignored by git) with the runs it reads.
  const dir = outDir ?? join(runsDir, `${runStamp()}-compare`);
  await mkdir(dir, { recursive: true });
  const htmlPath = join(dir, 'index.html');
  await writeFile(htmlPath, renderComparison(runs, machineInfo()), 'utf8');
  await writeFile(
    join(dir, 'comparison.json'),
    `${JSON.stringify({ groups: compareRuns(runs), runIds: runs.map((r) => r.runId) }, null, 2)}\n`,
    'utf8',
  );
  return { dir, html: htmlPath };
}
