// renderJUnit: a run as JUnit XML so CI systems show thresholds and checks as
// test cases. One <testsuite> per run (named after the scenario); one case per
// threshold and per check, failing with the observed numbers.
import { checkLabel, flattenChecks } from '../checks.ts';
import { formatStatistic, runDurationMs } from '../format.ts';
import type { HistoryVerdict } from '../history/history.ts';
import type { RunResults } from '../results.ts';
import { thresholdOutcomes, type ThresholdOutcome } from '../thresholds.ts';
import { escapeXml } from './escape-xml.ts';

interface TestCase {
  classname: string;
  name: string;
  failure?: { type: string; message: string; details: string };
  error?: { type: string; message: string };
}

function observedValues(outcome: ThresholdOutcome): string {
  const metric = { type: 'trend' as const, contains: outcome.contains };
  return Object.entries(outcome.values)
    .map(([k, v]) => `${k}=${formatStatistic(metric, k, v)}`)
    .join(', ');
}

// Raw numbers keep the units of the threshold expression (k6 compares time in
// ms), so the observed value reads directly against the limit.
function rawUnit(outcome: ThresholdOutcome): string {
  const isCountLike =
    outcome.statistic === 'rate' ||
    outcome.statistic === 'count' ||
    outcome.statistic === 'passes' ||
    outcome.statistic === 'fails';
  return outcome.contains === 'time' && !isCountLike ? ' ms' : '';
}

function thresholdCase(scenario: string, outcome: ThresholdOutcome): TestCase {
  const testCase: TestCase = { classname: `${scenario}.thresholds`, name: `${outcome.metric}: ${outcome.expression}` };
  if (outcome.ok) return testCase;
  const headline =
    outcome.statistic !== undefined && outcome.observed !== undefined
      ? `observed ${outcome.statistic}=${outcome.observed}${rawUnit(outcome)} (threshold ${outcome.expression})`
      : `threshold ${outcome.expression} failed`;
  return {
    ...testCase,
    failure: { type: 'threshold', message: headline, details: `${headline}\nall values: ${observedValues(outcome)}` },
  };
}

/** The history checker as one case, failing with its counterexample (both sides) when it found anything. */
function historyCase(scenario: string, verdict: HistoryVerdict): TestCase {
  const testCase: TestCase = { classname: `${scenario}.history`, name: 'history checker' };
  if (verdict.passed) return testCase;
  const first = verdict.counterexample;
  const message =
    verdict.error ??
    `${verdict.violationCount} violation(s); first${first?.seq !== undefined ? ` at seq ${first.seq}` : ''}: ${first?.message ?? ''}`;
  const sides = first
    ? `\nserver: ${JSON.stringify(first.server ?? null)}\nclient: ${JSON.stringify(first.clientSide ?? null)}`
    : '';
  return { ...testCase, failure: { type: 'history', message, details: `${message}${sides}` } };
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function renderCase(testCase: TestCase): string {
  const open = `    <testcase${attributes({ classname: testCase.classname, name: testCase.name, time: 0 })}`;
  if (testCase.failure !== undefined) {
    const { type, message, details } = testCase.failure;
    return `${open}>\n      <failure${attributes({ type, message })}>${escapeXml(details)}</failure>\n    </testcase>`;
  }
  if (testCase.error !== undefined) {
    return `${open}>\n      <error${attributes(testCase.error)}/>\n    </testcase>`;
  }
  return `${open}/>`;
}

interface SuiteXml {
  counts: { tests: number; failures: number; errors: number; time: number };
  lines: string[];
}

function testsuite(results: RunResults, name: string): SuiteXml {
  const scenario = results.settings.scenario;
  const cases: TestCase[] = thresholdOutcomes(results).map((o) => thresholdCase(scenario, o));
  for (const check of flattenChecks(results.summary.root_group)) {
    const total = check.passes + check.fails;
    const testCase: TestCase = { classname: `${scenario}.checks`, name: checkLabel(check) };
    if (check.fails > 0) {
      const percent = ((check.fails / total) * 100).toFixed(2);
      const message = `${check.fails} of ${total} failed (${percent}%), ${check.passes} passed`;
      testCase.failure = { type: 'check', message, details: message };
    }
    cases.push(testCase);
  }
  if (results.history) cases.push(historyCase(scenario, results.history));
  // Thresholds can all hold while the runner itself broke; CI must still see red.
  if (results.exitCode !== 0 && results.exitCode !== 99) {
    cases.push({
      classname: `${scenario}.run`,
      name: 'runner completed',
      error: { type: 'runner', message: `runner exited with code ${results.exitCode}` },
    });
  }

  const failures = cases.filter((c) => c.failure !== undefined).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const seconds = Math.max(runDurationMs(results.startedAt, results.endedAt), 0) / 1000;
  const { settings } = results;
  const properties: Record<string, string | number> = {
    runId: results.runId,
    replicas: settings.replicas,
    bus: settings.bus,
    plan: settings.plan ?? '',
    gitRevision: settings.gitRevision,
    runner: settings.runner,
    exitCode: results.exitCode,
  };
  const counts = { tests: cases.length, failures, errors, time: seconds };
  return {
    counts,
    lines: [
      `  <testsuite${attributes({ name, tests: counts.tests, failures, errors, skipped: 0, time: seconds.toFixed(3), timestamp: results.startedAt, hostname: settings.machine.hostname })}>`,
      '    <properties>',
      ...Object.entries(properties).map(([key, value]) => `      <property${attributes({ name: key, value })}/>`),
      '    </properties>',
      ...cases.map(renderCase),
      '  </testsuite>',
    ],
  };
}

/** A suite's run that never started (its lab or plan failed): CI still shows it, as an errored case. */
export interface StartFailure {
  label: string;
  error: string;
}

function startFailureSuite({ label, error }: StartFailure): SuiteXml {
  return {
    counts: { tests: 1, failures: 0, errors: 1, time: 0 },
    lines: [
      `  <testsuite${attributes({ name: label, tests: 1, failures: 0, errors: 1, skipped: 0, time: 0 })}>`,
      renderCase({ classname: `${label}.run`, name: 'run started', error: { type: 'start', message: error } }),
      '  </testsuite>',
    ],
  };
}

/** How a run is named among others: scenario, and bus/replicas/plan when a suite mixes them. */
export function runLabel(results: RunResults): string {
  const s = results.settings;
  return `${s.scenario} (${s.bus}, ${s.replicas} replica${s.replicas === 1 ? '' : 's'}${s.plan ? `, plan ${s.plan}` : ''})`;
}

export function renderJUnit(results: RunResults): string {
  return renderJUnitSuites('swagboard-lab', [results], () => results.settings.scenario);
}

/** Several runs (a suite) as one JUnit file: one <testsuite> per run, then one per run that never started. */
export function renderJUnitSuites(
  name: string,
  runs: RunResults[],
  suiteName: (results: RunResults) => string = runLabel,
  notStarted: StartFailure[] = [],
): string {
  const suites = [...runs.map((r) => testsuite(r, suiteName(r))), ...notStarted.map(startFailureSuite)];
  const total = suites.reduce(
    (sum, s) => ({
      tests: sum.tests + s.counts.tests,
      failures: sum.failures + s.counts.failures,
      errors: sum.errors + s.counts.errors,
      time: sum.time + s.counts.time,
    }),
    { tests: 0, failures: 0, errors: 0, time: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name, tests: total.tests, failures: total.failures, errors: total.errors, skipped: 0, time: total.time.toFixed(3) })}>`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
    '',
  ].join('\n');
}
