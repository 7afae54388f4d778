// handleSummary(data) gets the documented shape (metrics with type/contains/values/thresholds, root_group, options, state; no setup data, k6 does not pass it); jslib k6-summary 0.1.0 textSummary renders the compact layout
import { check, group } from 'k6';
import { textSummary } from 'https://jslib.k6.io/k6-summary/0.1.0/index.js';

export const options = { iterations: 1, thresholds: { checks: ['rate==1'] } };

export function setup() {
  return { token: 't' };
}

export default function () {
  group('g', () => check(1, { one: (v) => v === 1 }));
}

export function handleSummary(data) {
  const checks = data.metrics.checks;
  const shape = [
    checks.type === 'rate' &&
      checks.contains === 'default' &&
      checks.values.rate === 1 &&
      checks.thresholds['rate==1'].ok === true,
    data.root_group.path === '' &&
      data.root_group.groups[0].name === 'g' &&
      data.root_group.groups[0].checks[0].passes === 1,
    Array.isArray(data.options.summaryTrendStats) &&
      typeof data.state.testRunDurationMs === 'number' &&
      data.state.isStdOutTTY === false,
    !('setup_data' in data),
  ];
  return { stdout: `shape ${shape.join(',')}\n${textSummary(data, { indent: ' ', enableColors: false })}` };
}
