// `swaglab run <scenario|suite>`: a scenario with its defaults from
// scenarios/suites.yaml under the flags given, or a whole suite under them.
import type { Command } from 'commander';
import { loadLabState } from '../lab/lab-state.ts';
import { scenarioRunSpec, type RunOverrides } from '../run/build-run-spec.ts';
import { labAsked, labDifferences } from '../run/lab-fit.ts';
import { runScenario } from '../run/run-scenario.ts';
import { runSuite, suiteNames } from '../run/run-suite.ts';
import { loadSuitesFile, withDefaults } from '../run/suites-file.ts';
import { abortOnInterrupt, progress } from './output.ts';
import { labSettingsFrom, type TopologyFlags } from './topology-options.ts';

export interface RunFlags extends TopologyFlags {
  vus?: number;
  duration?: string;
  env?: Record<string, string>;
  lab?: string;
  out?: string;
  plan?: string;
  baseline?: number;
  instances?: number;
}

/** Runs what `name` names; sets process.exitCode (0 passed, 99 thresholds failed, 1 other failure). */
export async function runCommand(name: string, flags: RunFlags, command: Command): Promise<void> {
  const overrides = runOverrides(flags, command);
  const signal = abortOnInterrupt();

  if (suiteNames().includes(name)) {
    const output = await runSuite(name, overrides, { log: progress, signal });
    console.log(output.dir);
    progress(`suite ${name} ${output.passed ? 'passed' : 'FAILED'}; JUnit: ${output.junitPath}`);
    process.exitCode = output.passed ? 0 : 99;
    return;
  }

  if (flags.lab) await warnOfLabDifferences(name, flags.lab, overrides);
  const output = await runScenario(scenarioRunSpec(name, overrides), { log: progress, signal });
  console.log(output.dir);
  process.exitCode = output.exitCode;
}

/** An existing lab keeps its shape: say where it differs from what suites.yaml and the flags ask. */
async function warnOfLabDifferences(scenario: string, labId: string, overrides: RunOverrides): Promise<void> {
  const asked = labAsked(withDefaults(loadSuitesFile(), { scenario, env: {} }), overrides.lab);
  for (const difference of labDifferences(asked, (await loadLabState(labId)).spec)) {
    progress(
      `warning: lab ${labId} is not shaped as this run asks (${difference}); its figures answer another question`,
    );
  }
}

/** What the flags ask for; replicas and bus only when given on the command line, so suites.yaml's defaults apply otherwise. */
function runOverrides(flags: RunFlags, command: Command): RunOverrides {
  const given = (option: string) =>
    command.getOptionValueSource(option) !== 'default' && command.getOptionValue(option) !== undefined;
  return {
    lab: {
      ...labSettingsFrom(flags),
      ...(given('replicas') ? { replicas: flags.replicas } : {}),
      ...(given('bus') ? { bus: flags.bus } : {}),
    },
    // As __ENV rather than k6's --vus/--duration, which would replace the scenario's executors.
    env: {
      ...(flags.vus ? { VUS: String(flags.vus) } : {}),
      ...(flags.duration ? { DURATION: flags.duration } : {}),
      ...flags.env,
    },
    plan: flags.plan,
    attachTo: flags.lab,
    outDir: flags.out,
    baselineSeconds: flags.baseline,
    instances: flags.instances,
  };
}
