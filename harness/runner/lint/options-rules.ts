import { systemClock } from '../../clock.ts';
import { resolveScenarios } from '../executors/config.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import { compileScript } from '../script/bundle.ts';
import type { RunServices } from '../script/vu-api.ts';
import { Vu } from '../script/vu.ts';
import { GroupTree } from '../summary/group-tree.ts';
import { ThresholdWatch } from '../thresholds/watch.ts';
import type { Finding } from './static-rules.ts';

/**
 * Runs the script's init context once, as k6 does before a test, and checks its
 * options the way k6 does at config time: thresholds name defined metrics with
 * stats their types have, scenarios and executors are valid. No VU code runs.
 */
export async function lintOptions(file: string, env: Record<string, string> = {}): Promise<Finding[]> {
  const registry = new MetricRegistry();
  let options: Record<string, unknown> = {};
  const services: RunServices = {
    registry,
    groups: new GroupTree(),
    clock: systemClock,
    scriptPath: file,
    env,
    globalTags: () => ({}),
    log: () => {},
    abortTest: () => {},
    activeVus: () => 0,
    maxVus: () => 0,
    testStart: () => 0,
    testOptions: () => options,
  };
  try {
    const vu = new Vu(0, await compileScript(file), services);
    options =
      vu.exports.options === undefined
        ? {}
        : (JSON.parse(JSON.stringify(vu.exports.options)) as Record<string, unknown>);
  } catch (e) {
    return [{ file, line: 1, column: 1, rule: 'options', message: `the init context fails: ${(e as Error).message}` }];
  }
  const findings: Finding[] = [];
  for (const check of [() => new ThresholdWatch(options.thresholds, registry), () => resolveScenarios(options)]) {
    try {
      check();
    } catch (e) {
      findings.push({ file, line: 1, column: 1, rule: 'options', message: (e as Error).message });
    }
  }
  return findings;
}
