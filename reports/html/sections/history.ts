// The history checker's verdict: what was checked (commands, events, clients,
// replicas), whether every promise held, and when one did not, the
// counterexample: the first diverging seq with the server's side and the
// client's side next to each other, then the other violations found.
import { formatNumber } from '../../format.ts';
import type { HistoryVerdict, Violation } from '../../history/history.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

export function historySentence(h: HistoryVerdict): string {
  const n = (v: number) => formatNumber(v, 0);
  const checked = `${n(h.ops.sent)} commands from ${h.clients} client${h.clients === 1 ? '' : 's'} on ${h.replicas.length ? h.replicas.join(', ') : 'no replica'} (${n(h.ops.acked)} acked, ${n(h.ops.refused)} refused, ${n(h.ops.unanswered)} unanswered; ${n(h.reconnects)} reconnects), against ${n(h.logEvents)} events in the log (final seq ${n(h.finalSeq)}, ${n(h.tasksAtEnd)} tasks at the end).`;
  if (h.error !== undefined) return `Not checked: ${h.error}.`;
  if (h.passed)
    return `Held: every acked change is in the log exactly once, the log has no gap, nothing refused was applied, and every client's board rebuilt from its events equals the snapshot, each column numbered 0..n-1. Checked ${checked}`;
  return `Violated ${n(h.violationCount)} time${h.violationCount === 1 ? '' : 's'}. Checked ${checked}`;
}

const side = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2));

function renderCounterexample(v: Violation): SafeHtml {
  return html`<h3>Counterexample${v.seq !== undefined ? html` at seq ${v.seq}` : ''}</h3>
<p class="history-counterexample"><code>${v.kind}</code>${v.client ? html` (${v.client})` : ''}: ${v.message}</p>
<div class="table-scroll"><table class="history-sides"><thead><tr><th scope="col">Server</th><th scope="col">Client</th></tr></thead>
<tbody><tr><td><pre>${side(v.server)}</pre></td><td><pre>${side(v.clientSide)}</pre></td></tr></tbody></table></div>`;
}

export function renderHistory(results: RunResults): SafeHtml {
  const h = results.history;
  if (!h) return html``;
  const shown =
    h.violations.length < h.violationCount ? ` (the first ${h.violations.length} of ${h.violationCount})` : '';
  return html`<section id="history"><h2>History</h2>
<p class="history-sentence ${h.passed ? 'ok' : 'fail'}"><strong>${h.passed ? 'PASSED' : 'FAILED'}</strong>: ${historySentence(h)}</p>
<p class="muted">Board <code>${h.board}</code>. Commands by kind: ${h.ops.byKind.create} creates, ${h.ops.byKind.update} updates, ${h.ops.byKind.move} moves, ${h.ops.byKind.delete} deletes${
    Object.keys(h.ops.errors).length
      ? `; refused: ${Object.entries(h.ops.errors)
          .map(([code, n]) => `${n} ${code}`)
          .join(', ')}`
      : ''
  }. A command is found in the log by its client and clientTs; an unanswered one (its socket dropped) may be in the log once or not at all.</p>
${h.counterexample ? renderCounterexample(h.counterexample) : ''}
${
  h.violations.length > 1
    ? html`<h3>Violations${shown}</h3><div class="table-scroll"><table class="history-violations"><thead><tr><th scope="col">Kind</th><th scope="col">Seq</th><th scope="col">Client</th><th scope="col">What</th></tr></thead>
<tbody>${h.violations.map((v) => html`<tr class="fail"><td><code>${v.kind}</code></td><td>${v.seq ?? '—'}</td><td>${v.client ?? '—'}</td><td>${v.message}</td></tr>`)}</tbody></table></div>`
    : ''
}
</section>`;
}
