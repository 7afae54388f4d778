// `swaglab run <scenario|suite>`: a scenario with its defaults from
// scenarios/suites.yaml under the flags given, or a whole suite.
import type { Command } from 'commander';
import { runScenario } from '../run/run-scenario.ts';
import { runSuite, suiteNames } from '../run/run-suite.ts';
import { loadSuitesFile, planReference } from '../run/suites-file.ts';
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
  const given = (option: string) => command.getOptionValueSource(option) !== 'default' && command.getOptionValue(option) !== undefined;
  const env = { ...(flags.vus ? { VUS: String(flags.vus) } : {}), ...(flags.duration ? { DURATION: flags.duration } : {}), ...flags.env };
  const lab = labSettingsFrom(flags);
  const signal = abortOnInterrupt();

  if (suiteNames().includes(name)) {
    const output = await runSuite(
      name,
      { lab, env, plan: flags.plan, ...(given('replicas') ? { replicas: flags.replicas } : {}), ...(given('bus') ? { bus: flags.bus } : {}) },
      { log: progress, signal },
    );
    console.log(output.dir);
    progress(`suite ${name} ${output.passed ? 'passed' : 'FAILED'}; JUnit: ${output.junitPath}`);
    process.exitCode = output.passed ? 0 : 99;
    return;
  }

  const defaults = loadSuitesFile().scenarios[name] ?? { env: {} };
  const output = await runScenario(
    {
      scenario: name,
      lab: { ...lab, serverEnv: { ...defaults.serverEnv, ...lab.serverEnv }, replicas: given('replicas') ? flags.replicas : (defaults.replicas ?? flags.replicas), bus: given('bus') ? flags.bus : (defaults.bus ?? flags.bus), socketBufferBytes: lab.socketBufferBytes ?? defaults.socketBufferBytes },
      attachTo: flags.lab,
      // As __ENV rather than k6's --vus/--duration, which would replace the scenario's executors.
      env: { ...defaults.env, ...env },
      plan: flags.plan === 'none' ? undefined : (flags.plan ?? planReference(defaults.plan)),
      outDir: flags.out,
      baselineSeconds: flags.baseline,
      ...(flags.instances ? { instances: flags.instances } : {}),
    },
    { log: progress, signal },
  );
  console.log(output.dir);
  process.exitCode = output.exitCode;
}
