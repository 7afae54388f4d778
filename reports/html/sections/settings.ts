// What was run, where and with which code: enough to reproduce or compare.
import { formatDuration } from '../../units/duration.ts';
import { formatBytes, formatTimestamp, runDurationMs } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type HtmlValue, type SafeHtml } from '../safe-html.ts';

export function renderSettings(results: RunResults): SafeHtml {
  const { settings } = results;
  const { machine } = settings;
  const rows: Array<[string, HtmlValue]> = [
    ['Scenario', settings.scenario],
    ['Replicas', settings.replicas],
    ['Bus', settings.bus],
    ['Chaos plan', settings.plan ?? 'none'],
    ['Git revision', html`<code>${settings.gitRevision}</code>`],
    ['Runner', settings.runner],
    ['Run id', html`<code>${results.runId}</code>`],
    ['Started', formatTimestamp(results.startedAt)],
    ['Ended', formatTimestamp(results.endedAt)],
    ['Duration', formatDuration(runDurationMs(results.startedAt, results.endedAt), { style: 'compact' })],
    ['Exit code', results.exitCode],
    [
      'Machine',
      `${machine.hostname}: ${machine.cpuModel} × ${machine.cpus}, ${formatBytes(machine.memoryBytes)}, ${machine.os}, Node ${machine.node}`,
    ],
  ];
  const env = Object.entries(settings.env).sort(([a], [b]) => a.localeCompare(b));
  return html`<section id="settings"><h2>Settings</h2>
<dl class="settings">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
${
  env.length === 0
    ? html`<p class="muted">No scenario environment variables were set.</p>`
    : html`<details open><summary>Scenario environment (${env.length})</summary><dl class="env">${env.map(([k, v]) => html`<div><dt><code>${k}</code></dt><dd><code>${v}</code></dd></div>`)}</dl></details>`
}
</section>`;
}
