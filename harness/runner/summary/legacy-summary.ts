import type { SummaryData, SummaryGroup, SummaryMetric } from '../../../reports/results.ts';
import { formatDuration } from '../../../reports/units/duration.ts';
import { formatBytes } from '../../../reports/units/bytes.ts';

/** k6 prints data in SI units (kB), and the summary mirrors k6. */
const K6_BYTES = { units: 'k6' } as const;
import { formatNumber, formatPercent, formatStat } from './format-value.ts';

import type { TextSummaryOptions } from './text-summary.ts';

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * `--summary-mode legacy`: k6's pre-1.0 layout. Checks per group, then every
 * metric with its aggregates, ✓/✗ marking metrics whose thresholds held or failed.
 */
export function legacyTextSummary(data: SummaryData, opts: TextSummaryOptions = {}): string {
  const indent = opts.indent ?? ' ';
  const color = (code: string, s: string) => (opts.enableColors ? code + s + RESET : s);
  const lines: string[] = [];

  renderGroup(data.root_group, indent + '    ', lines, color);

  const names = Object.keys(data.metrics).sort(compareMetricNames);
  const width = Math.max(30, ...names.map((n) => displayName(n).length + 3));
  for (const name of names) {
    const metric = data.metrics[name] as SummaryMetric;
    const mark = markOf(metric);
    const prefix = mark === undefined ? '  ' : mark ? color(GREEN, '✓') + ' ' : color(RED, '✗') + ' ';
    const label = displayName(name);
    lines.push(
      `${indent}${prefix}${label}${color(DIM, '.'.repeat(Math.max(1, width - label.length)) + ':')} ${renderValues(metric, data)}`,
    );
  }

  const failed = failedThresholds(data);
  if (failed.length)
    lines.push('', `${indent}${color(RED, 'ERRO')} thresholds on metrics ${failed.join(', ')} have been crossed`);
  lines.push('', `${indent}  running (${formatDuration(data.state.testRunDurationMs, { style: 'k6' })})`);
  return `\n${lines.join('\n')}\n`;
}

/** Thresholds that failed, as `metric 'expression'` (the form k6 prints and RunOutcome.thresholdsFailed holds). */
export function failedThresholds(data: Pick<SummaryData, 'metrics'>): string[] {
  return Object.entries(data.metrics).flatMap(([name, m]) =>
    Object.entries(m.thresholds ?? {})
      .filter(([, r]) => !r.ok)
      .map(([expr]) => `${name} '${expr}'`),
  );
}

function renderGroup(
  group: SummaryGroup,
  indent: string,
  lines: string[],
  color: (c: string, s: string) => string,
): void {
  for (const check of group.checks) {
    const total = check.passes + check.fails;
    if (check.fails === 0) {
      lines.push(`${indent}${color(GREEN, '✓')} ${check.name}`);
    } else {
      lines.push(`${indent}${color(RED, '✗')} ${check.name}`);
      lines.push(
        `${indent} ${color(DIM, `↳  ${Math.floor((check.passes / total) * 100)}% — ✓ ${check.passes} / ✗ ${check.fails}`)}`,
      );
    }
  }
  if (group.checks.length) lines.push('');
  for (const child of group.groups) {
    lines.push(`${indent}█ ${child.name}`, '');
    renderGroup(child, indent + '  ', lines, color);
  }
}

function markOf(metric: SummaryMetric): boolean | undefined {
  const results = Object.values(metric.thresholds ?? {});
  if (!results.length) return undefined;
  return results.every((r) => r.ok);
}

function renderValues(metric: SummaryMetric, data: SummaryData): string {
  const v = metric.values;
  switch (metric.type) {
    case 'trend': {
      const stats = [...new Set([...data.options.summaryTrendStats, ...Object.keys(v)])].filter((s) => s in v);
      return stats.map((s) => `${s}=${formatStat(metric, s, v[s] as number)}`).join(' ');
    }
    case 'counter': {
      const count = v.count ?? 0;
      const rate = v.rate ?? 0;
      return metric.contains === 'data'
        ? `${formatBytes(count, K6_BYTES)} ${formatBytes(rate, K6_BYTES)}/s`
        : `${formatNumber(count)} ${formatNumber(rate)}/s`;
    }
    case 'rate':
      return `${formatPercent(v.rate ?? 0)} ✓ ${v.passes ?? 0} ✗ ${v.fails ?? 0}`;
    case 'gauge':
      return `${formatStat(metric, 'value', v.value ?? 0)} min=${formatStat(metric, 'min', v.min ?? 0)} max=${formatStat(metric, 'max', v.max ?? 0)}`;
  }
}

/** Submetrics ("x{tag:v}") sort right after their parent metric. */
export function compareMetricNames(a: string, b: string): number {
  const [pa, pb] = [a.split('{')[0] as string, b.split('{')[0] as string];
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.length - b.length || (a < b ? -1 : 1);
}

export function displayName(name: string): string {
  const open = name.indexOf('{');
  return open < 0 ? name : `  { ${name.slice(open + 1, -1).trim()} }`;
}
