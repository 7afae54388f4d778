// renderReport: one run's results → one self-contained HTML file. No network
// at view time: styles inline, charts pre-rendered as SVG, the raw results
// embedded as JSON for anyone who wants to dig further from the file alone.
import type { RunResults } from '../results.ts';
import { runVerdict } from '../thresholds.ts';
import { jsonScriptElement } from './embed-json.ts';
import { html, trusted } from './safe-html.ts';
import { renderBackpressure } from './sections/backpressure.ts';
import { renderChecks } from './sections/checks.ts';
import { renderCost } from './sections/cost.ts';
import { renderCounters } from './sections/counters.ts';
import { renderHistory } from './sections/history.ts';
import { renderKnee } from './sections/knee.ts';
import { renderLatency } from './sections/latency.ts';
import { renderPerReplica } from './sections/per-replica.ts';
import { renderRecovery } from './sections/recovery.ts';
import { renderSettings } from './sections/settings.ts';
import { renderTimeSeries } from './sections/time-series.ts';
import { renderTraces } from './sections/traces.ts';
import { renderVerdict } from './sections/verdict.ts';
import { renderWaterfall } from './sections/waterfall.ts';
import { REPORT_CSS } from './styles.ts';

/** The id of the `<script type="application/json">` element holding the full results. */
export const RESULTS_SCRIPT_ID = 'swagboard-run-results';

// Nothing may be fetched: the CSP makes any accidental external reference fail
// loudly (a console error the browser test catches) instead of leaking.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderReport(results: RunResults): string {
  const verdict = runVerdict(results);
  const title = `${verdict.passed ? 'PASSED' : 'FAILED'}: ${results.settings.scenario} — SwagBoard run ${results.runId}`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
<header>
<h1>SwagBoard run report: ${results.settings.scenario}</h1>
<p class="subtitle">${results.settings.replicas} replica${results.settings.replicas === 1 ? '' : 's'} · ${results.settings.bus} bus · run <code>${results.runId}</code></p>
<nav class="toc"><a href="#verdict">Verdict</a><a href="#settings">Settings</a>${results.history ? html`<a href="#history">History</a>` : ''}<a href="#latency">Latency</a>${results.knee ? html`<a href="#knee">Knee</a>` : ''}${results.waterfall ? html`<a href="#waterfall">Waterfall</a>` : ''}<a href="#per-replica">Per replica</a><a href="#cost">Cost</a><a href="#checks">Checks</a><a href="#counters">Counters</a>${results.traces ? html`<a href="#traces">Traces</a>` : ''}<a href="#time-series">Time series</a></nav>
</header>
<main>
${renderVerdict(results)}
${renderSettings(results)}
${renderHistory(results)}
${renderLatency(results)}
${renderWaterfall(results)}
${renderKnee(results)}
${renderPerReplica(results)}
${renderCost(results)}
${renderRecovery(results)}
${renderBackpressure(results)}
${renderChecks(results)}
${renderCounters(results)}
${renderTraces(results)}
${renderTimeSeries(results)}
</main>
<footer>Rendered from results.json (schema ${results.schema}) of run <code>${results.runId}</code>. The full results are embedded in this file as JSON (script#${RESULTS_SCRIPT_ID}).</footer>
${jsonScriptElement(RESULTS_SCRIPT_ID, results)}
</body>
</html>
`.value;
}
