// One self-contained HTML page: Redis vs NATS per measure, for every group of
// runs that held everything else equal — means, spread, ratios, and plain
// sentences that say only what the repeats support.
import { jsonScriptElement } from '../html/embed-json.ts';
import { html, trusted, type SafeHtml } from '../html/safe-html.ts';
import { REPORT_CSS } from '../html/styles.ts';
import { renderGroupedBarChart } from '../html/svg/grouped-bar-chart.ts';
import type { MachineInfo, RunResults } from '../results.ts';
import { compareRuns, type ComparisonGroup, type MeasureComparison, type Spread } from './analyse.ts';
import { unitSuffix } from './measures.ts';

export const COMPARISON_SCRIPT_ID = 'swagboard-comparison';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderComparison(runs: RunResults[], machine?: MachineInfo): string {
  const groups = compareRuns(runs);
  const conclusions = groups.flatMap((g) =>
    g.measures.filter((m) => m.verdict !== 'one-bus-only').map((m) => ({ group: g, m })),
  );
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SwagBoard comparison: Redis vs NATS (${runs.length} runs)</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body><header><h1>Redis vs NATS</h1>
<p class="subtitle">${runs.length} runs in ${groups.length} group${groups.length === 1 ? '' : 's'}${machine ? ` · ${machine.cpus} × ${machine.cpuModel}, ${machine.os}` : ''}</p></header>
<main>
<section id="conclusion"><h2>Conclusion</h2>
${
  conclusions.length === 0
    ? html`<p>No measure was recorded on both buses, so there is nothing to conclude.</p>`
    : html`<ul class="conclusions">${conclusions.map(({ group, m }) => html`<li><strong>${groupTitle(group)}</strong> — ${m.sentence}</li>`)}</ul>`
}
<p class="muted">"Within noise" means the ranges of the repeated runs overlap; a difference is claimed only when every repeat on one bus was below every repeat on the other. All runs are from one machine shared with other work; treat small ratios with care.</p>
</section>
${groups.map(renderGroup)}
</main>
${jsonScriptElement(COMPARISON_SCRIPT_ID, { groups, runs: runs.map((r) => ({ runId: r.runId, settings: r.settings, exitCode: r.exitCode })) })}
</body></html>
`.value;
}

function groupTitle(g: ComparisonGroup): string {
  const env = Object.entries(g.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${g.scenario}, ${g.replicas} replicas${g.plan ? `, plan ${g.plan}` : ''}${env ? ` (${env})` : ''}`;
}

function spreadText(s: Spread | undefined, unit: string, cpu = false): string {
  if (!s) return '—';
  const d = cpu ? 3 : s.mean < 10 ? 2 : 1;
  return `${s.mean.toFixed(d)}${unit} ± ${s.halfRange.toFixed(d)} (n=${s.n}; ${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
}

function renderGroup(g: ComparisonGroup): SafeHtml {
  const timed = g.measures.filter((m) => m.measure.unit === 'ms' && m.redis && m.nats);
  return html`<section class="comparison-group"><h2>${groupTitle(g)}</h2>
<p class="muted">Runs: Redis ${g.runIds.redis.join(', ') || 'none'} · NATS ${g.runIds.nats.join(', ') || 'none'}</p>
${
  timed.length > 0
    ? renderGroupedBarChart({
        title: `${g.scenario}: Redis vs NATS (mean of repeats)`,
        groups: timed.map((m) => m.measure.label),
        variants: [
          { label: 'Redis', values: timed.map((m) => m.redis?.mean ?? Number.NaN) },
          { label: 'NATS', values: timed.map((m) => m.nats?.mean ?? Number.NaN) },
        ],
        format: (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`,
        axisTitle: 'ms',
      })
    : ''
}
<table class="comparison"><thead><tr><th scope="col">Measure</th><th scope="col">Redis</th><th scope="col">NATS</th><th scope="col">NATS ÷ Redis</th><th scope="col">Verdict</th></tr></thead>
<tbody>${g.measures.map((m) => renderRow(m))}</tbody></table></section>`;
}

function renderRow(m: MeasureComparison): SafeHtml {
  const unit = unitSuffix(m.measure);
  const cpu = m.measure.unit === 'cpu-ms';
  const ratio = m.ratio
    ? `${m.ratio.value.toFixed(2)}× (${Number.isFinite(m.ratio.low) ? m.ratio.low.toFixed(2) : '?'}–${Number.isFinite(m.ratio.high) ? m.ratio.high.toFixed(2) : '∞'})`
    : '—';
  const verdict = {
    'nats-lower': 'NATS lower: NATS wins',
    'redis-lower': 'Redis lower: Redis wins',
    'nats-higher': 'NATS higher: NATS wins',
    'redis-higher': 'Redis higher: Redis wins',
    'within-noise': 'within noise',
    'not-enough-runs': 'too few runs',
    'one-bus-only': 'one bus only',
  }[m.verdict];
  return html`<tr><td>${m.measure.label}</td><td>${spreadText(m.redis, unit, cpu)}</td><td>${spreadText(m.nats, unit, cpu)}</td><td>${ratio}</td><td>${verdict}</td></tr>`;
}
