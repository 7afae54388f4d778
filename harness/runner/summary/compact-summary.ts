import type { SummaryData, SummaryGroup, SummaryMetric } from '../../../reports/results.ts';
import { formatBytes } from '../../../reports/units/bytes.ts';

/** k6 prints data in SI units (kB), and the summary mirrors k6. */
const K6_BYTES = { units: 'k6' } as const;
import { formatNumber, formatPercent, formatStat } from './format-value.ts';
import { compareMetricNames, displayName } from './legacy-summary.ts';
import { CATEGORY_ORDER, categoryOf } from './metric-category.ts';

/** Metrics per group path ("::a::b") and per scenario, for `--summary-mode full`. */
export interface Breakdown {
  groups: Record<string, Record<string, SummaryMetric>>;
  scenarios: Record<string, Record<string, SummaryMetric>>;
}

export interface CompactOptions {
  indent?: string;
  enableColors?: boolean;
  full?: boolean;
  breakdown?: Breakdown | undefined;
}

const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const STAT_RE = /^\s*(avg|min|max|med|count|rate|value|p\(\s*\d+(?:\.\d+)?\s*\))/i;

/**
 * k6's current end-of-test layout (v1+): █ THRESHOLDS with each expression and
 * the value it was judged on, █ TOTAL RESULTS with checks_total/succeeded/failed,
 * the checks, and metrics by category (CUSTOM, HTTP, WEBSOCKET, EXECUTION,
 * NETWORK). `full` adds a █ GROUP section per group and a █ SCENARIO section
 * per scenario.
 */
export function compactTextSummary(data: SummaryData, opts: CompactOptions = {}): string {
  const head = (opts.indent ?? ' ') + ' ';
  const body = head + '  ';
  const paint = (code: string, s: string) => (opts.enableColors ? code + s + RESET : s);
  const mark = (ok: boolean) => (ok ? paint(GREEN, '✓') : paint(RED, '✗'));
  const lines: string[] = [];
  const durationS = data.state.testRunDurationMs / 1000;

  const withThresholds = Object.keys(data.metrics)
    .filter((k) => Object.keys(data.metrics[k]?.thresholds ?? {}).length)
    .sort(compareMetricNames);
  if (withThresholds.length) {
    lines.push(`${head}█ THRESHOLDS`, '');
    for (const key of withThresholds) {
      const metric = data.metrics[key] as SummaryMetric;
      lines.push(`${body}${key}`);
      for (const [expr, result] of Object.entries(metric.thresholds ?? {})) {
        const stat = STAT_RE.exec(expr)?.[1]?.replace(/\s+/g, '').toLowerCase();
        const value = stat === undefined ? undefined : metric.values[stat];
        const shown =
          stat === undefined || value === undefined
            ? ''
            : ` ${stat}=${metric.type === 'rate' ? formatPercent(value) : formatStat(metric, stat, value)}`;
        lines.push(`${body}${mark(result.ok)} '${expr}'${shown}`);
      }
      lines.push('');
    }
    lines.push('');
  }

  lines.push(`${head}█ TOTAL RESULTS`, '');
  // TOTAL RESULTS lists every check; full mode repeats each group's own under its section.
  renderChecksAndMetrics(data.metrics, allChecks(data.root_group), durationS, body, lines, mark, paint);

  if (opts.full) {
    for (const group of descendants(data.root_group)) {
      lines.push('', `${head}█ GROUP: ${group.path.slice(2).split('::').join(' > ')}`, '');
      renderChecksAndMetrics(
        opts.breakdown?.groups[group.path] ?? {},
        group.checks,
        durationS,
        body,
        lines,
        mark,
        paint,
      );
    }
    for (const [name, metrics] of Object.entries(opts.breakdown?.scenarios ?? {}).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      lines.push('', `${head}█ SCENARIO: ${name}`, '');
      renderChecksAndMetrics(metrics, [], durationS, body, lines, mark, paint);
    }
  }
  while (lines.at(-1) === '') lines.pop();
  return `\n${lines.join('\n')}\n\n`;
}

type Check = SummaryGroup['checks'][number];

function renderChecksAndMetrics(
  metrics: Record<string, SummaryMetric>,
  checks: Check[],
  durationS: number,
  body: string,
  lines: string[],
  mark: (ok: boolean) => string,
  paint: (code: string, s: string) => string,
): void {
  const checksMetric = metrics.checks;
  const rows: Array<[string, string]> = [];
  if (checksMetric) {
    const passes = checksMetric.values.passes ?? 0;
    const fails = checksMetric.values.fails ?? 0;
    const total = passes + fails;
    rows.push(['checks_total', `${formatNumber(total)} ${formatNumber(durationS > 0 ? total / durationS : 0)}/s`]);
    rows.push(['checks_succeeded', `${formatPercent(total ? passes / total : 0)} ${passes} out of ${total}`]);
    rows.push(['checks_failed', `${formatPercent(total ? fails / total : 0)} ${fails} out of ${total}`]);
  }
  const width = labelWidth([...rows.map(([l]) => l), ...Object.keys(metrics).map(displayName)]);
  for (const [label, value] of alignFirstColumn(rows))
    lines.push(`${body}${label}${paint(DIM, '.'.repeat(width - label.length) + ':')} ${value}`);
  if (rows.length) lines.push('');
  for (const check of checks) {
    lines.push(`${body}${mark(check.fails === 0)} ${check.name}`);
    if (check.fails)
      lines.push(
        `${body}  ${paint(DIM, `↳  ${Math.floor((check.passes / (check.passes + check.fails)) * 100)}% — ✓ ${check.passes} / ✗ ${check.fails}`)}`,
      );
  }
  if (checks.length) lines.push('');
  for (const category of CATEGORY_ORDER) {
    const names = Object.keys(metrics)
      .filter((n) => categoryOf(n.split('{')[0] as string) === category)
      .sort(compareMetricNames);
    if (!names.length) continue;
    lines.push(`${body}${category}`);
    const rendered = alignByType(names.map((n) => metrics[n] as SummaryMetric));
    names.forEach((n, i) => {
      const label = displayName(n);
      lines.push(`${body}${label}${paint(DIM, '.'.repeat(width - label.length) + ':')} ${rendered[i]}`);
    });
    lines.push('');
  }
}

function labelWidth(labels: string[]): number {
  return Math.max(35, ...labels.map((l) => l.length + 3));
}

/** A metric's values as columns; trend columns are `stat=value`. */
function valueColumns(metric: SummaryMetric): string[] {
  const v = metric.values;
  switch (metric.type) {
    case 'trend':
      return Object.keys(v)
        .filter((s) => s !== 'count')
        .map((s) => `${s}=${formatStat(metric, s, v[s] as number)}`);
    case 'counter':
      return metric.contains === 'data'
        ? [formatBytes(v.count ?? 0, K6_BYTES), `${formatBytes(v.rate ?? 0, K6_BYTES)}/s`]
        : [formatNumber(v.count ?? 0), `${formatNumber(v.rate ?? 0)}/s`];
    case 'rate': {
      const total = (v.passes ?? 0) + (v.fails ?? 0);
      return [formatPercent(v.rate ?? 0), `${v.passes ?? 0} out of ${total}`];
    }
    case 'gauge':
      return [
        formatStat(metric, 'value', v.value ?? 0),
        `min=${formatStat(metric, 'min', v.min ?? 0)}`,
        `max=${formatStat(metric, 'max', v.max ?? 0)}`,
      ];
  }
}

/** Columns line up among metrics of one type (trends with trends, counters with counters). */
function alignByType(list: SummaryMetric[]): string[] {
  const out: string[] = new Array<string>(list.length);
  for (const type of new Set(list.map((m) => m.type))) {
    const idx = list.flatMap((m, i) => (m.type === type ? [i] : []));
    const aligned = alignColumns(idx.map((i) => valueColumns(list[i] as SummaryMetric)));
    idx.forEach((i, j) => (out[i] = aligned[j] as string));
  }
  return out;
}

/** Pads every column but the last of each row to the widest cell of that column in the section. */
function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] as number) : cell)).join(' '),
  );
}

function alignFirstColumn(rows: Array<[string, string]>): Array<[string, string]> {
  const split = rows.map(([label, value]) => [label, ...splitFirst(value)] as [string, string, string]);
  const width = Math.max(0, ...split.map(([, first]) => first.length));
  return split.map(([label, first, rest]) => [label, `${first.padEnd(width)} ${rest}`]);
}

function splitFirst(value: string): [string, string] {
  const space = value.indexOf(' ');
  return space < 0 ? [value, ''] : [value.slice(0, space), value.slice(space + 1)];
}

function allChecks(group: SummaryGroup): Check[] {
  return [...group.checks, ...group.groups.flatMap(allChecks)];
}

function descendants(group: SummaryGroup): SummaryGroup[] {
  return group.groups.flatMap((g) => [g, ...descendants(g)]);
}
