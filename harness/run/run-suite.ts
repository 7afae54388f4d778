// Runs a suite from scenarios/suites.yaml: each entry on a fresh lab, one
// after another (two cores; runs must not disturb each other), then one JUnit
// file and an index page for the whole suite. A run that cannot start is
// recorded as failed and the suite goes on.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { renderSuite, type SuiteRunEntry } from '../../reports/html/render-suite.ts';
import { renderJUnitSuites, type StartFailure } from '../../reports/junit/render-junit.ts';
import type { RunResults } from '../../reports/results.ts';
import { runVerdict } from '../../reports/thresholds.ts';
import { runsDir } from '../paths.ts';
import { buildRunSpec, type RunOverrides } from './build-run-spec.ts';
import { runScenario, type RunOptions } from './run-scenario.ts';
import { runStamp } from './run-stamp.ts';
import { loadSuitesFile, withDefaults } from './suites-file.ts';

export interface SuiteOutput {
  passed: boolean;
  dir: string;
  runs: RunResults[];
  junitPath: string;
}

export function suiteNames(): string[] {
  try {
    return Object.keys(loadSuitesFile().suites);
  } catch {
    return [];
  }
}

/** Runs every entry of suite `name` under `overrides` (as a single run's are; outDir is the suite's directory). */
export async function runSuite(
  name: string,
  overrides: RunOverrides = {},
  options: RunOptions = {},
): Promise<SuiteOutput> {
  const file = loadSuitesFile();
  const suite = file.suites[name];
  if (!suite) throw new Error(`unknown suite "${name}"; expected one of: ${Object.keys(file.suites).join(', ')}`);
  if (overrides.attachTo)
    throw new Error(`suite ${name} starts a lab per run, shaped as each entry says; --lab runs a single scenario`);
  const log = options.log ?? (() => {});
  const dir = overrides.outDir ?? join(runsDir, `${runStamp()}-suite-${name}`);
  await mkdir(dir, { recursive: true });
  const entries: SuiteRunEntry[] = [];
  const failedToStart: StartFailure[] = [];
  for (const [index, entry] of suite.runs.entries()) {
    if (options.signal?.aborted) break;
    const run = withDefaults(file, entry);
    try {
      const spec = buildRunSpec(run, {
        ...overrides,
        outDir: join(dir, `${String(index + 1).padStart(2, '0')}-${run.scenario}`),
        quiet: true,
      });
      log(
        `suite ${name}: ${index + 1}/${suite.runs.length} ${run.scenario} (${spec.lab.bus}, ${spec.lab.replicas} replicas${spec.plan ? `, plan ${spec.plan}` : ''})`,
      );
      const output = await runScenario(spec, options);
      entries.push({ results: output.results, href: `${relative(dir, output.dir)}/index.html` });
      log(`suite ${name}: ${run.scenario} ${runVerdict(output.results).passed ? 'passed' : 'FAILED'}`);
    } catch (error) {
      failedToStart.push({ label: run.scenario, error: (error as Error).message });
      log(`suite ${name}: ${run.scenario} could not run: ${(error as Error).message}`);
    }
  }
  const runs = entries.map((e) => e.results);
  const junitPath = join(dir, 'junit.xml');
  await writeFile(junitPath, renderJUnitSuites(`swagboard-lab ${name}`, runs, undefined, failedToStart), 'utf8');
  await writeFile(join(dir, 'index.html'), renderSuite(name, entries, failedToStart), 'utf8');
  const passed =
    failedToStart.length === 0 && runs.length === suite.runs.length && runs.every((r) => runVerdict(r).passed);
  return { passed, dir, runs, junitPath };
}
