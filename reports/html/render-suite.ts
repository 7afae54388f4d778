// A suite's index page: one line per run, verdict first, linking each run's
// own report. Self-contained like the run reports.
import type { RunResults } from '../results.ts';
import { runLabel } from '../junit/render-junit.ts';
import { runVerdict } from '../thresholds.ts';
import { jsonScriptElement } from './embed-json.ts';
import { html, trusted } from './safe-html.ts';
import { REPORT_CSS } from './styles.ts';

export interface SuiteRunEntry {
  results: RunResults;
  /** Link to the run's index.html, relative to the suite page. */
  href: string;
}

export function renderSuite(
  name: string,
  runs: SuiteRunEntry[],
  failedToStart: Array<{ label: string; error: string }> = [],
): string {
  const verdicts = runs.map((r) => runVerdict(r.results));
  const passed = verdicts.every((v) => v.passed) && failedToStart.length === 0;
  const failedCount = verdicts.filter((v) => !v.passed).length + failedToStart.length;
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${passed ? 'PASSED' : 'FAILED'}: suite ${name}</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body><header><h1>SwagBoard suite: ${name}</h1></header><main>
<section class="verdict ${passed ? 'passed' : 'failed'}" id="verdict">
<p class="verdict-word">${passed ? 'PASSED' : 'FAILED'}</p>
<p class="verdict-reason">${passed ? `all ${runs.length} runs passed` : `${failedCount} of ${runs.length + failedToStart.length} runs failed`}</p>
<table class="thresholds"><thead><tr><th scope="col">Result</th><th scope="col">Run</th><th scope="col">Thresholds</th><th scope="col">Report</th></tr></thead><tbody>
${runs.map((r, i) => {
  const v = verdicts[i]!;
  return html`<tr class="${v.passed ? 'ok' : 'fail'}"><td class="mark">${v.passed ? '✓' : '✗'}</td><td>${runLabel(r.results)}</td><td>${v.totalThresholds - v.failedThresholds} of ${v.totalThresholds} held${v.runnerError ? `; ${v.runnerError}` : ''}</td><td><a href="${r.href}">${r.results.runId}</a></td></tr>`;
})}
${failedToStart.map((f) => html`<tr class="fail"><td class="mark">✗</td><td>${f.label}</td><td colspan="2">did not run: ${f.error}</td></tr>`)}
</tbody></table></section></main>
${jsonScriptElement('swagboard-suite', { name, runs: runs.map((r, i) => ({ runId: r.results.runId, href: r.href, passed: verdicts[i]!.passed })), failedToStart })}
</body></html>
`.value;
}
