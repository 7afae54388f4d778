// One way from what a run was asked for (the flags of `swaglab run`, a suite's
// overrides, a compare cell) and what scenarios/suites.yaml says about its
// scenario to a RunSpec. Precedence, the same everywhere: what was asked,
// then the suite entry, then the scenario's defaults, then the lab's own
// defaults (lab-spec.ts), applied once by the schema.
import { runSpecSchema, type RunSpec, type RunSpecInput } from './run-spec.ts';
import { loadSuitesFile, planReference, withDefaults, type SuiteRun, type SuitesFile } from './suites-file.ts';

export interface RunOverrides {
  /** Lab settings asked for. Leave replicas and bus out unless asked, so suites.yaml's apply. */
  lab?: RunSpecInput['lab'];
  /** __ENV over the scenario's env. */
  env?: Record<string, string>;
  /** A plan name or a path as given (relative to the working directory); 'none' for no plan even where suites.yaml names one. */
  plan?: string;
  attachTo?: string;
  outDir?: string;
  baselineSeconds?: number;
  instances?: number;
  quiet?: boolean;
}

/** The spec of a suite entry (or a scenario's defaults) under what was asked for. */
export function buildRunSpec(entry: SuiteRun, overrides: RunOverrides = {}): RunSpec {
  const { lab = {}, env = {}, plan, ...run } = overrides;
  return runSpecSchema.parse({
    ...run,
    scenario: entry.scenario,
    lab: {
      ...lab,
      replicas: lab.replicas ?? entry.replicas,
      bus: lab.bus ?? entry.bus,
      serverEnv: { ...entry.serverEnv, ...lab.serverEnv },
      socketBufferBytes: lab.socketBufferBytes ?? entry.socketBufferBytes,
    },
    env: { ...entry.env, ...env },
    plan: plan === undefined ? planReference(entry.plan) : plan === 'none' ? undefined : plan,
  });
}

/** A single run of `scenario` (a name or a script path) with its suites.yaml defaults underneath. */
export function scenarioRunSpec(
  scenario: string,
  overrides: RunOverrides = {},
  file: SuitesFile = loadSuitesFile(),
): RunSpec {
  return buildRunSpec(withDefaults(file, { scenario, env: {} }), overrides);
}
