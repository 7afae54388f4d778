// Check results, failing checks first because those are what a reader hunts for.
import { checkLabel, flattenChecks } from '../../checks.ts';
import { formatNumber } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

export function renderChecks(results: RunResults): SafeHtml {
  const checks = flattenChecks(results.summary.root_group).sort((a, b) => b.fails - a.fails);
  if (checks.length === 0) {
    return html`<section id="checks"><h2>Checks</h2><p class="no-data">No data: the scenario ran no checks.</p></section>`;
  }
  return html`<section id="checks"><h2>Checks</h2>
<table class="numbers">
<thead><tr><th scope="col"><span class="sr-only">Result</span></th><th scope="col">Check</th><th scope="col">Passes</th><th scope="col">Fails</th><th scope="col">Pass rate</th></tr></thead>
<tbody>${checks.map((check) => {
    const total = check.passes + check.fails;
    const rate = total === 0 ? '—' : `${formatNumber((check.passes / total) * 100)}%`;
    const ok = check.fails === 0;
    return html`<tr class="${ok ? 'ok' : 'fail'}"><td class="mark" aria-label="${ok ? 'passed' : 'failed'}">${ok ? '✓' : '✗'}</td><th scope="row">${checkLabel(check)}</th><td>${formatNumber(check.passes, 0)}</td><td>${formatNumber(check.fails, 0)}</td><td>${rate}</td></tr>`;
  })}</tbody></table></section>`;
}
