// The console's markup: one page, and the fragments HTMX swaps into it.
import { html, type SafeHtml } from '../../server/page/html.ts';
import { BACKING_SERVICES, TOXICS, TOXIC_TYPES } from '../lab/index.ts';
import type { CatalogueQuery } from '../../dashboards/catalogue.ts';
import type { TimelineEntry } from './fault-timeline.ts';
import type { PlaybackStatus } from './plan-playback.ts';
import type { ScenarioStatus } from './scenario-run.ts';
import { linkState, toxicSummary, topologySvg, type TopologyView } from './topology-svg.ts';

/** 4xx answers are swapped too, so a refused fault shows its reason where the learner looks. */
const HTMX_CONFIG = JSON.stringify({
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[45]..', swap: true, error: false },
  ],
});

export interface PageInput {
  labId: string;
  bus: string;
  replicas: string[];
  /** Links that go through Toxiproxy (the only ones faults can reach). */
  faultableLinks: string[];
  services: string[];
  charts: CatalogueQuery[];
  /** Shipped chaos plans (chaos/plans). */
  plans: string[];
  scenarios: string[];
}

export function consolePage(input: PageInput): SafeHtml {
  const services = BACKING_SERVICES.filter((s) => input.services.includes(s));
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>swaglab console · ${input.labId}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<link rel="stylesheet" href="/assets/uPlot.min.css"><link rel="stylesheet" href="/assets/console.css">
<script src="/assets/htmx.min.js" defer></script><script src="/assets/uPlot.iife.min.js" defer></script><script src="/assets/console.js" defer></script>
</head><body>
<header><h1>swaglab console</h1><span class="lab">lab <b>${input.labId}</b> · ${input.replicas.length} replica(s) on ${input.bus}</span><span id="clock" class="muted"></span></header>
<main>
<section class="panel state"><div id="state" hx-get="/fragments/state" hx-trigger="load, every 1s" hx-swap="innerHTML"><p class="muted">loading the lab's state…</p></div></section>
<section class="panel actions">
  <h2>Break something</h2>
  <div id="action-result" role="status" aria-live="polite"></div>
  ${toxicForm(input.faultableLinks)}
  <form class="row" hx-post="/actions/link" hx-target="#action-result"><label>link <select name="link">${options(input.faultableLinks)}</select></label>
    <button name="state" value="down" class="danger">take down</button><button name="state" value="up">bring up</button></form>
  <form class="row" hx-post="/actions/replica" hx-target="#action-result"><label>replica <select name="replica">${options(input.replicas)}</select></label>
    ${(['kill', 'stop', 'pause', 'unpause', 'restart'] as const).map((a) => html`<button name="action" value="${a}" class="${a === 'kill' || a === 'stop' ? 'danger' : ''}">${a}</button>`)}</form>
  <form class="row" hx-post="/actions/service" hx-target="#action-result"><span>restart</span>
    ${services.map((s) => html`<button name="service" value="${s}">${s}</button>`)}</form>
  <form class="row" hx-post="/actions/plan" hx-target="#action-result"><label>chaos plan <select name="plan">${options(input.plans)}</select></label>
    <button type="submit" class="danger">play</button><button type="button" hx-post="/actions/plan-stop" hx-target="#action-result">stop</button></form>
  <form class="row" hx-post="/actions/scenario" hx-target="#action-result"><label>scenario <select name="scenario">${options(input.scenarios)}</select></label>
    <label>VUs <input name="vus" type="number" min="1" max="500" value="4" size="4"></label><label>for <input name="duration" value="20s" size="5"></label>
    <button type="submit">run</button><button type="button" hx-post="/actions/scenario-stop" hx-target="#action-result">stop</button></form>
</section>
<section class="panel charts"><h2>Live, from the lab's Prometheus <span class="muted">(up to the last 5 min)</span> <span class="bands"><span class="band replica"></span>replica fault <span class="band link"></span>link fault <span class="band service"></span>service restart <span class="muted">(applied from this console)</span></h2>
  <div id="charts">${input.charts.map((q) => html`<figure class="chart" data-chart="${q.id}" data-unit="${q.unit}"><figcaption>${q.title}</figcaption><div class="plot"></div><p class="chart-empty muted">no data yet</p></figure>`)}
  <figure class="chart waterfall" data-waterfall><figcaption>Per-hop waterfall of a cross-node change (each hop's p50 over the last 30 s, end to end)</figcaption><div class="bars"></div><p class="chart-empty muted">no data yet</p></figure></div>
</section>
<section class="panel timeline"><h2>Runs and fault timeline</h2><div id="timeline" hx-get="/fragments/timeline" hx-trigger="load, every 1s"></div></section>
</main></body></html>`;
}

function options(values: string[]): SafeHtml[] {
  return values.map((v) => html`<option value="${v}">${v}</option>`);
}

function toxicForm(links: string[]): SafeHtml {
  return html`<form class="toxic" hx-post="/actions/toxic-add" hx-target="#action-result">
  <div class="row"><label>link <select name="link">${options(links)}</select></label>
  <label>toxic <select name="toxic" data-toxic-select>${options(TOXIC_TYPES)}</select></label>
  <label>stream <select name="stream"><option value="downstream">down (to client)</option><option value="upstream">up (to server)</option><option value="both">both</option></select></label>
  <label>toxicity <input name="toxicity" type="number" min="0" max="1" step="0.05" value="1" size="4"></label></div>
  ${TOXIC_TYPES.map(
    (type, i) =>
      html`<fieldset class="row attrs" data-toxic="${type}" ${i === 0 ? '' : html`hidden`}><legend>${TOXICS[type].description}</legend>${Object.entries(
        TOXICS[type].attributes,
      ).map(
        ([name, a]) =>
          html`<label>${name} (${a.unit}) <input name="attr.${type}.${name}" type="number" min="0" max="${a.max}" placeholder="${a.default}" size="7"></label>`,
      )}</fieldset>`,
  )}
  <button type="submit" class="danger">add toxic</button></form>`;
}

/** The polled part: the diagram, the replicas and the links with their toxics. */
export function stateFragment(view: TopologyView, now: Date): SafeHtml {
  const rows = view.replicas.map(
    (r) =>
      html`<tr data-replica-row="${r.name}"><td>${r.name}</td><td><span class="badge state-${r.state}" data-replica-state="${r.name}">${r.state}</span></td><td class="num" data-connections="${r.name}">${r.connections}</td><td>${r.haproxy}</td><td class="muted">${r.container}</td></tr>`,
  );
  const toxics = Object.entries(view.links).flatMap(([link, l]) => [
    ...(l.enabled
      ? []
      : [
          html`<li data-link-down="${link}"><b>${link}</b> is DOWN <button hx-post="/actions/link" hx-vals='${JSON.stringify({ link, state: 'up' })}' hx-target="#action-result">bring up</button></li>`,
        ]),
    ...l.toxics.map(
      (t) =>
        html`<li data-active-toxic="${link}/${t.name}"><b>${link}</b> ${toxicSummary(t)} <span class="muted">(${t.name})</span> <button hx-post="/actions/toxic-remove" hx-vals='${JSON.stringify({ link, name: t.name })}' hx-target="#action-result">remove</button></li>`,
    ),
  ]);
  const counts = Object.values(view.links).reduce(
    (acc, l) => ((acc[linkState(l)] = (acc[linkState(l)] ?? 0) + 1), acc),
    {} as Record<string, number>,
  );
  return html`${topologySvg(view)}
<p class="legend"><span class="key ok"></span>ok <span class="key toxic"></span>toxic <span class="key down"></span>down <span class="key direct"></span>direct (no faults) <span class="muted">· ${Object.entries(
    counts,
  )
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')} · ${now.toISOString().slice(11, 19)} UTC</span></p>
<div class="split"><table><thead><tr><th>replica</th><th>state</th><th>connections</th><th>HAProxy check</th><th>container</th></tr></thead><tbody>${rows}</tbody></table>
<div><h3>Active faults on links</h3>${toxics.length ? html`<ul class="faults">${toxics}</ul>` : html`<p class="muted">none: every link up, no toxics</p>`}</div></div>`;
}

export function timelineFragment(
  entries: TimelineEntry[],
  playback?: PlaybackStatus,
  scenario?: ScenarioStatus,
): SafeHtml {
  const run = scenario
    ? html`<p class="plan" data-scenario-state="${scenario.state}"><b>scenario ${scenario.scenario}</b>: ${scenario.state} ${scenario.runId ? html`<a href="/runs/${scenario.runId}/index.html" target="_blank" data-report>open its report</a>` : ''}${scenario.error ? `: ${scenario.error}` : ''} <span class="muted">${scenario.state === 'running' ? scenario.lastLine : ''}</span></p>`
    : '';
  const plan = playback
    ? html`<p class="plan" data-plan-state="${playback.state}"><b>plan ${playback.plan}</b>: ${playback.state}${playback.state === 'playing' ? ` (${Math.min(100, Math.round(((Date.now() - playback.startedAt) / Math.max(1, playback.lengthMs)) * 100))}% of ${Math.round(playback.lengthMs / 1000)} s)` : ''}${playback.error ? `: ${playback.error}` : ''} <span class="muted">${playback.log.at(-1) ?? ''}</span></p>`
    : '';
  if (!entries.length) return html`${run}${plan}<p class="muted">no fault applied from this console yet</p>`;
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  return html`${run}${plan}<ol class="timeline">${[...entries]
    .reverse()
    .map(
      (e) =>
        html`<li class="${e.end === undefined ? 'open' : ''}"><span class="when">${time(e.start)} → ${e.end === undefined ? 'now' : e.end === e.start ? '(instant)' : time(e.end)}</span> ${e.label}</li>`,
    )}</ol>`;
}

export function resultFragment(ok: boolean, message: string): SafeHtml {
  return html`<p class="${ok ? 'ok' : 'error'}" data-result="${ok ? 'ok' : 'error'}">${ok ? '✓' : '✗'} ${message}</p>`;
}
