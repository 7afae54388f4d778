import { describe, expect, it } from 'vitest';
import { hostileResults, sampleResults } from '../testdata/sample-results.ts';
import { escapeXml } from './escape-xml.ts';
import { renderJUnit, renderJUnitSuites } from './render-junit.ts';

describe('escapeXml', () => {
  it('escapes markup characters and replaces characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('bell\u0007 nul\u0000 tab\t ok')).toBe('bell\uFFFD nul\uFFFD tab\t ok');
    expect(escapeXml('emoji 🚀 stays')).toBe('emoji 🚀 stays');
  });
});

describe('renderJUnit', () => {
  const xml = renderJUnit(sampleResults());

  it('has one testsuite named after the scenario with correct counts', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    // 3 thresholds + 4 checks; 1 threshold and 2 checks failed.
    expect(xml).toMatch(
      /<testsuite name="fanout-broadcast" tests="7" failures="3" errors="0" skipped="0" time="180.000"/,
    );
    expect(xml).toContain('<property name="bus" value="redis"/>');
  });

  it('names threshold cases `metric: expression` and fails them with observed values', () => {
    expect(xml).toContain('name="swag_broadcast_latency{path:same}: p(95)&lt;50" time="0"/>');
    expect(xml).toMatch(
      /name="swag_broadcast_latency\{path:cross\}: p\(95\)&lt;80" time="0">\s*<failure type="threshold" message="observed p\(95\)=104.9 ms \(threshold p\(95\)&lt;80\)">[^<]*p\(95\)=104.9 ms/,
    );
  });

  it('fails checks with counts', () => {
    expect(xml).toContain('message="2 of 231 failed (0.87%), 229 passed"');
    expect(xml).toContain('name="card order consistent" time="0"/>');
  });

  it('adds an error case when the runner itself failed', () => {
    const results = sampleResults();
    results.exitCode = 1;
    expect(renderJUnit(results)).toMatch(
      /<testcase classname="fanout-broadcast.run" name="runner completed" time="0">\s*<error type="runner" message="runner exited with code 1"\/>/,
    );
  });

  it('escapes hostile strings everywhere', () => {
    const hostile = renderJUnit(hostileResults());
    expect(hostile).not.toContain('<script');
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;/script&gt;');
    // Every `<` starts a known element or the XML declaration.
    for (const tag of hostile.match(/<[^>\s/]+/g) ?? []) {
      expect([
        '<?xml',
        '<testsuites',
        '<testsuite',
        '<properties',
        '<property',
        '<testcase',
        '<failure',
        '<error',
      ]).toContain(tag);
    }
  });
});

describe('renderJUnitSuites', () => {
  it('shows runs that never started as errored cases, escaped and counted in the totals', () => {
    const xml = renderJUnitSuites('swagboard-lab ci', [sampleResults()], undefined, [
      { label: 'soak', error: 'lab did not start: <replica-2> & "bus" \u0007down' },
    ]);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toMatch(/<testsuites name="swagboard-lab ci" tests="8" failures="3" errors="1"/);
    expect(xml).toContain(
      '  <testsuite name="soak" tests="1" failures="0" errors="1" skipped="0" time="0">\n    <testcase classname="soak.run" name="run started" time="0">\n      <error type="start" message="lab did not start: &lt;replica-2&gt; &amp; &quot;bus&quot; \uFFFDdown"/>\n    </testcase>\n  </testsuite>\n</testsuites>',
    );
  });
});
