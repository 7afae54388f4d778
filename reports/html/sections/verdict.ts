// The verdict comes first: did the run pass, and which thresholds decided it.
import { formatStatistic } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { runVerdict, thresholdOutcomes, type ThresholdOutcome } from '../../thresholds.ts';
import { html, type SafeHtml } from '../safe-html.ts';
import { renderRunnerLoadWarning } from './runner-load.ts';

function observedText(outcome: ThresholdOutcome): string {
  const metric = { type: 'trend' as const, contains: outcome.contains };
  if (outcome.statistic !== undefined && outcome.observed !== undefined) {
    // Rates are shown raw because the expression compares the raw fraction.
    const shown =
      outcome.statistic === 'rate'
        ? String(outcome.observed)
        : formatStatistic(metric, outcome.statistic, outcome.observed);
    return `${outcome.statistic} = ${shown}`;
  }
  const all = Object.entries(outcome.values).map(([k, v]) => `${k} = ${formatStatistic(metric, k, v)}`);
  return all.length > 0 ? all.join(', ') : 'no values recorded';
}

export function renderVerdict(results: RunResults): SafeHtml {
  const verdict = runVerdict(results);
  const outcomes = thresholdOutcomes(results);
  const reasons: string[] = [];
  if (verdict.failedThresholds > 0)
    reasons.push(`${verdict.failedThresholds} of ${verdict.totalThresholds} thresholds failed`);
  else
    reasons.push(
      verdict.totalThresholds === 0 ? 'no thresholds were defined' : `all ${verdict.totalThresholds} thresholds held`,
    );
  if (verdict.runnerError !== undefined) reasons.push(verdict.runnerError);
  else if (verdict.failedThresholds === 0 && results.exitCode !== 0)
    reasons.push(`runner exited with code ${results.exitCode}`);
  if (verdict.historyError !== undefined) reasons.push(verdict.historyError);

  return html`<section class="verdict ${verdict.passed ? 'passed' : 'failed'}" id="verdict">
<p class="verdict-word">${verdict.passed ? 'PASSED' : 'FAILED'}</p>
<p class="verdict-reason">${reasons.join('; ')}</p>
${renderRunnerLoadWarning(results)}
${
  outcomes.length === 0
    ? html`<p class="muted">This run defined no thresholds.</p>`
    : html`<table class="thresholds">
<thead><tr><th scope="col"><span class="sr-only">Result</span></th><th scope="col">Metric</th><th scope="col">Threshold</th><th scope="col">Observed</th></tr></thead>
<tbody>${outcomes.map(
        (o) =>
          html`<tr class="${o.ok ? 'ok' : 'fail'}"><td class="mark" aria-label="${o.ok ? 'passed' : 'failed'}">${o.ok ? '✓' : '✗'}</td><td><code>${o.metric}</code></td><td><code>${o.expression}</code></td><td>${observedText(o)}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}
