import { describe, expect, it } from 'vitest';
import { hostileResults, sampleResults, HOSTILE } from '../testdata/sample-results.ts';
import { RESULTS_SCRIPT_ID, renderReport } from './render-report.ts';

function embeddedJson(page: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${RESULTS_SCRIPT_ID}">(.*?)</script>`, 's').exec(page);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('renderReport', () => {
  const results = sampleResults();
  const page = renderReport(results);

  it('leads with the verdict and lists every threshold with its observed value', () => {
    const verdictAt = page.indexOf('class="verdict failed"');
    expect(verdictAt).toBeGreaterThan(0);
    expect(verdictAt).toBeLessThan(page.indexOf('id="settings"'));
    expect(page).toContain('FAILED');
    expect(page).toContain('1 of 3 thresholds failed');
    expect(page).toContain('p(95)&lt;80');
    expect(page).toContain('p(95) = 104.9 ms');
    expect(page.match(/<td class="mark" aria-label="failed">✗<\/td><td><code>/g)).toHaveLength(1);
  });

  it('says PASSED when everything held', () => {
    const passing = sampleResults();
    passing.summary.metrics['swag_broadcast_latency{path:cross}']!.thresholds = { 'p(95)<200': { ok: true } };
    passing.exitCode = 0;
    expect(renderReport(passing)).toContain('class="verdict passed"');
  });

  it('shows the settings', () => {
    for (const text of [
      'fanout-broadcast',
      'redis',
      'partition-replica-2',
      results.settings.gitRevision,
      'lab-runner-01',
      'swaglab',
      results.runId,
      '3m 00s',
      '2026-03-14 09:30:00 UTC',
    ]) {
      expect(page).toContain(text);
    }
  });

  it('tabulates every trend and submetric and compares same vs cross', () => {
    for (const name of [
      'swag_broadcast_latency',
      '{path:same}',
      '{path:cross}',
      'ws_connecting',
      'ws_session_duration',
    ]) {
      expect(page).toContain(`<code>${name}</code>`);
    }
    expect(page).toContain('<svg class="chart bars"');
    expect(page).toContain('p(95) path:cross 104.9 ms vs path:same 19.6 ms (5.4×)');
  });

  it('lists checks and counters', () => {
    expect(page).toContain('join board › snapshot received');
    expect(page).toContain('35,736');
    expect(page).toContain('ws_msgs_received');
    expect(page).toContain('99.57%');
  });

  it('charts every series with chaos overlaid and a legend per label set', () => {
    expect(page.match(/<svg class="chart" /g)).toHaveLength(results.series.length);
    expect(page.match(/<g class="chaos band">/g)).toHaveLength(results.series.length);
    expect(page).toContain('partition replica-2 ↔ redis');
    expect(page).toContain('replica=replica-1');
    expect(page).toContain('time since run start (m:ss)');
  });

  it('embeds the full results as JSON', () => {
    expect(embeddedJson(page)).toEqual(results);
  });

  it('references nothing outside the file', () => {
    expect(page).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(page).not.toMatch(/@import|url\(/);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('says "No data" for empty series, errors and missing sections', () => {
    const empty = sampleResults();
    empty.series = [
      { id: 'a', title: 'Nothing', unit: 'count', query: 'up', stepSeconds: 5, series: [] },
      {
        id: 'b',
        title: 'Broken',
        unit: 'count',
        query: 'up',
        stepSeconds: 5,
        series: [],
        error: 'bad_data: parse error',
      },
    ];
    empty.summary.metrics = {};
    empty.summary.root_group.groups = [];
    empty.summary.root_group.checks = [];
    empty.chaos = [];
    const out = renderReport(empty);
    expect(out.match(/<strong>No data<\/strong>/g)).toHaveLength(2);
    expect(out).toContain('Prometheus error: bad_data: parse error');
    expect(out).toContain('No data: the run recorded no Trend metrics.');
    expect(out).toContain('No data: the scenario ran no checks.');
    expect(out).toContain('No chaos actions were applied');
    expect(out).not.toContain('<svg class="chart"');
  });
});

describe('renderReport with hostile strings', () => {
  const results = hostileResults();
  const page = renderReport(results);

  it('never emits injected markup', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('onerror=alert(1)>');
    // Exactly one script element: the JSON data block.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)');
  });

  it('still embeds results that parse back exactly', () => {
    expect(embeddedJson(page)).toEqual(results);
    expect(JSON.stringify(embeddedJson(page))).toContain(HOSTILE.slice(0, 9));
  });
});
