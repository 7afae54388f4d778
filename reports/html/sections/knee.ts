// The knee of a capacity run: one sentence (how far the board held, why it
// broke) and the step table it rests on. Renders nothing for other runs.
import { formatMilliseconds, formatNumber } from '../../format.ts';
import type { Knee } from '../../knee/knee.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

export function kneeSentence(knee: Knee): string {
  const heldPart = knee.held
    ? `Held up to ${formatNumber(knee.held.offeredWritesPerS)} writes/s (${formatNumber(knee.held.deliveriesPerS)} deliveries/s, ${knee.held.subscribers} sessions on the board) at step ${knee.held.step}`
    : 'No step held: even the first broke the SLO';
  const brokePart = knee.brokeAt
    ? `; broke at step ${knee.brokeAt.step} (${formatNumber(knee.brokeAt.offeredWritesPerS)} writes/s, ${knee.brokeAt.subscribers} sessions) because ${knee.brokeAt.reasons.join(', ')}.`
    : '; the run did not break, so the knee lies above the last step run.';
  return `${heldPart}${brokePart}${blipText(knee)}`;
}

function blipText(knee: Knee): string {
  const blips = knee.blips ?? [];
  if (blips.length === 0) return '';
  const list = blips
    .map((b) => `step ${b.step} (${formatNumber(b.offeredWritesPerS)} writes/s: ${b.reasons.join(', ')})`)
    .join('; ');
  const one = blips.length === 1;
  return ` ${one ? 'One step' : `${blips.length} steps`} below broke alone and a higher load held after ${one ? 'it' : 'them'}, so ${one ? 'it was a blip' : 'they were blips'} of the machine, not the ceiling: ${list}.`;
}

/** How many broken steps in a row make the break, in words. */
function breakRule(knee: Knee): string {
  const n = knee.breaksToStop ?? 1;
  return n === 1
    ? 'The first broken step is the break.'
    : `The break is the first of ${n} broken steps in a row (or the broken steps the run ended on); a step that broke alone below a held one is a blip.`;
}

function costText(knee: Knee): string {
  if (!knee.cost) return '';
  const { perDelivery, perWrite, scope } = knee.cost;
  const over =
    scope === 'step'
      ? `At the held step (its own window, net of the idle rate)`
      : `Over the whole run (this run has no per-step timeline; warm-up and every step included)`;
  return `${over}: ${formatNumber(perDelivery.totalMs, 3)} CPU-ms per delivered event (system under test ${formatNumber(perDelivery.sutMs, 3)}), ${formatNumber(perWrite.totalMs, 3)} CPU-ms per write (system under test ${formatNumber(perWrite.sutMs, 3)}).`;
}

const ms = (v: number | undefined) => (v === undefined ? '—' : formatMilliseconds(v));

export function renderKnee(results: RunResults): SafeHtml {
  const knee = results.knee;
  if (!knee) return html``;
  const cost = costText(knee);
  const blipSteps = new Set((knee.blips ?? []).map((b) => b.step));
  return html`<section id="knee"><h2>Knee</h2>
<p class="knee-sentence">${kneeSentence(knee)}</p>
<p class="muted">SLO per step of ${formatNumber(knee.stepSeconds)} s: ack p99 ≤ ${formatNumber(knee.slo.ackP99Ms)} ms, cross-node p99 ≤ ${formatNumber(knee.slo.crossP99Ms)} ms, no protocol errors, no refused writes, no write still unacked and no delivery missing (acked writes × sessions) when its step is judged (GRACE_MS, default 1 s, after the step ends), and at least 95% of the offered writes sent. Steps are judged on the writes sent in them (a late ack or delivery counts for the step its write was sent in). ${breakRule(knee)}</p>
${cost ? html`<p>${cost}</p>` : ''}
<div class="table-scroll"><table class="numbers knee-steps"><thead><tr><th scope="col">Step</th><th scope="col">Offered writes/s</th><th scope="col">Sent</th><th scope="col">Acked writes/s</th><th scope="col">Sessions</th><th scope="col">Deliveries/s</th><th scope="col">Ack p99</th><th scope="col">Cross-node p99</th><th scope="col">Errors</th><th scope="col">Refused</th><th scope="col">Unacked</th><th scope="col">Deliveries missing</th><th scope="col">CPU-ms per delivery</th><th scope="col">Verdict</th></tr></thead>
<tbody>${knee.steps.map(
    (s) =>
      html`<tr class="${s.held ? 'ok' : 'fail'}"><th scope="row">${s.step}</th><td>${formatNumber(s.offeredWritesPerS)}</td><td>${formatNumber(s.sentWrites, 0)}</td><td>${formatNumber(s.ackedWritesPerS)}</td><td>${s.subscribers}</td><td>${formatNumber(s.deliveriesPerS)}</td><td>${ms(s.ackP99Ms)}</td><td>${ms(s.crossP99Ms)}</td><td>${s.errors}</td><td>${s.refused}</td><td>${s.unacked}</td><td>${s.missingDeliveries}</td><td>${s.cost ? formatNumber(s.cost.perDelivery.totalMs, 3) : '—'}</td><td>${s.held ? 'held' : `${blipSteps.has(s.step) ? 'blip' : 'broke'}: ${s.breaches.join('; ')}`}</td></tr>`,
  )}</tbody></table></div>
</section>`;
}
