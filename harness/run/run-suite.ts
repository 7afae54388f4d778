// Runs a suite from scenarios/suites.yaml: each entry on a fresh lab, one
// after another (two cores; runs must not disturb each other), then one JUnit
// file and an index page for the whole suite. A run that cannot start is
// recorded as failed and the suite goes on.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { renderSuite, type SuiteRunEntry } from '../../reports/html/render-suite.ts';
import { renderJUnitSuites } from '../../reports/junit/render-junit.ts';
import type { RunResults } from '../../reports/results.ts';
import { runVerdict } from '../../reports/thresholds.ts';
import { runsDir } from '../paths.ts';
import { runScenario, type RunOptions } from './run-scenario.ts';
import type { RunSpecInput } from './run-spec.ts';
import { loadSuitesFile, planReference, withDefaults, type SuiteRun } from './suites-file.ts';

export interface SuiteOverrides {
  bus?: 'redis' | 'nats';
  replicas?: number;
  plan?: string;
  env?: Record<string, string>;
  lab?: RunSpecInput['lab'];
}

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

export async function runSuite(name: string, overrides: SuiteOverrides = {}, options: RunOptions = {}): Promise<SuiteOutput> {
  const file = loadSuitesFile();
  const suite = file.suites[name];
  if (!suite) throw new Error(`unknown suite "${name}"; expected one of: ${Object.keys(file.suites).join(', ')}`);
  const log = options.log ?? (() => {});
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dir = join(runsDir, `${stamp}-suite-${name}`);
  await mkdir(dir, { recursive: true });
  const entries: SuiteRunEntry[] = [];
  const failedToStart: Array<{ label: string; error: string }> = [];
  for (const [index, entry] of suite.runs.entries()) {
    if (options.signal?.aborted) break;
    const run = withDefaults(file, entry);
    const spec = specFor(run, overrides, join(dir, `${String(index + 1).padStart(2, '0')}-${run.scenario}`));
    log(`suite ${name}: ${index + 1}/${suite.runs.length} ${run.scenario} (${spec.lab?.bus}, ${spec.lab?.replicas} replicas${spec.plan ? `, plan ${spec.plan}` : ''})`);
    try {
      const output = await runScenario(spec, options);
      entries.push({ results: output.results, href: `${relative(dir, output.dir)}/index.html` });
      log(`suite ${name}: ${run.scenario} ${runVerdict(output.results).passed ? 'passed' : 'FAILED'}`);
    } catch (error) {
      failedToStart.push({ label: run.scenario, error: (error as Error).message });
      log(`suite ${name}: ${run.scenario} could not run: ${(error as Error).message}`);
    }
  }
  const runs = entries.map((e) => e.results);
  const junit = renderJUnitSuites(`swagboard-lab ${name}`, runs);
  const junitPath = join(dir, 'junit.xml');
  await writeFile(junitPath, withStartFailures(junit, failedToStart), 'utf8');
  await writeFile(join(dir, 'index.html'), renderSuite(name, entries, failedToStart), 'utf8');
  const passed = failedToStart.length === 0 && runs.length === suite.runs.length && runs.every((r) => runVerdict(r).passed);
  return { passed, dir, runs, junitPath };
}

function specFor(run: SuiteRun, overrides: SuiteOverrides, outDir: string): RunSpecInput {
  return {
    scenario: run.scenario,
    lab: {
      ...overrides.lab,
      replicas: overrides.replicas ?? run.replicas ?? 2,
      bus: overrides.bus ?? run.bus ?? 'redis',
      serverEnv: { ...run.serverEnv, ...overrides.lab?.serverEnv },
      socketBufferBytes: overrides.lab?.socketBufferBytes ?? run.socketBufferBytes,
    },
    plan: planReference(overrides.plan ?? run.plan),
    env: { ...run.env, ...overrides.env },
    outDir,
    quiet: true,
  };
}

/** Runs that never started still show in CI, as errored test cases. */
function withStartFailures(junit: string, failed: Array<{ label: string; error: string }>): string {
  if (failed.length === 0) return junit;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const cases = failed.map((f) => `  <testsuite name="${esc(f.label)}" tests="1" failures="0" errors="1" skipped="0" time="0">\n    <testcase classname="${esc(f.label)}.run" name="run started" time="0">\n      <error type="start" message="${esc(f.error)}"/>\n    </testcase>\n  </testsuite>`);
  return junit.replace('</testsuites>', `${cases.join('\n')}\n</testsuites>`);
}
