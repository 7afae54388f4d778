// A warning for the first screen: when the runner nears a full core, latency
// figures measure the load generator's queueing, not the system under test.
import { formatNumber } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

/** About 80 % of a core: past it the runner's event loop delays sends and receives it then times. */
export const RUNNER_SATURATION_SHARE = 0.8;

export function runnerSaturated(results: RunResults): boolean {
  return (results.cost?.runnerCoreShare ?? 0) >= RUNNER_SATURATION_SHARE;
}

export function renderRunnerLoadWarning(results: RunResults): SafeHtml {
  if (!runnerSaturated(results)) return html``;
  return html`<p class="runner-warning" role="alert"><strong>Warning: the figures measure the load generator.</strong> The runner used ${formatNumber(results.cost!.runnerCoreShare * 100, 0)} % of one core (more than ${formatNumber(RUNNER_SATURATION_SHARE * 100, 0)} %): its own event loop delays what it sends and receives, and latencies include that. Use fewer VUs, or run the load from another machine.</p>`;
}
