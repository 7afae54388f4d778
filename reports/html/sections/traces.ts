// The slowest cross-node deliveries the run traced, each linked to its trace in the lab's Zipkin.
import { formatMilliseconds } from '../../format.ts';
import type { RunResults } from '../../results.ts';
import { html, type SafeHtml } from '../safe-html.ts';

/** A trace's page in Zipkin's UI; only for an http(s) Zipkin, so a doctored results.json cannot plant a script link. */
export function zipkinTraceUrl(zipkinUrl: string | undefined, traceId: string): string | undefined {
  if (!zipkinUrl || !/^https?:\/\/[^\s"'<>]+$/.test(zipkinUrl) || !/^[0-9a-f]{16,32}$/.test(traceId)) return undefined;
  return `${zipkinUrl.replace(/\/+$/, '')}/zipkin/traces/${traceId}`;
}

export function renderTraces(results: RunResults): SafeHtml {
  const traces = results.traces;
  if (!traces) return html``;
  return html`<section id="traces"><h2>Traces: slowest cross-node deliveries</h2>
${
  traces.slowest.length === 0
    ? html`<p class="muted">Zipkin held no cross-node delivery of this run: too few writes for the sampling ratio, or Zipkin was unreachable.</p>`
    : html`<table class="traces"><thead><tr><th scope="col">Trace</th><th scope="col">Write → last remote delivery</th><th scope="col">Replicas (origin first)</th></tr></thead>
<tbody>${traces.slowest.map((d) => {
        const link = zipkinTraceUrl(traces.zipkinUrl, d.traceId);
        return html`<tr><td>${link ? html`<a href="${link}"><code>${d.traceId}</code></a>` : html`<code>${d.traceId}</code>`}</td><td>${formatMilliseconds(d.durationMs)}</td><td>${d.replicas.join(' → ')}</td></tr>`;
      })}</tbody></table>`
}
<p class="muted">Only a sampled share of requests is traced. The links open the lab's Zipkin${traces.zipkinUrl ? html` (<code>${traces.zipkinUrl}</code>)` : ''} and work only while that lab runs: start one with <code>swaglab up</code> and run against it with <code>swaglab run --lab &lt;id&gt;</code> to keep them; a lab the run started itself is removed when the run ends.</p>
</section>`;
}
