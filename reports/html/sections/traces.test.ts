import { describe, expect, it } from 'vitest';
import { sampleResults } from '../../testdata/sample-results.ts';
import { renderTraces, zipkinTraceUrl } from './traces.ts';

const ZIPKIN = 'http://localhost:32790';

describe('traces section', () => {
  it("lists the slowest cross-node deliveries, each linked to its trace in the lab's Zipkin", () => {
    const results = sampleResults();
    results.traces = {
      zipkinUrl: ZIPKIN,
      slowest: [
        {
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          durationMs: 41.5,
          replicas: ['replica-2', 'replica-1', 'replica-3'],
        },
        { traceId: '00f067aa0ba902b7', durationMs: 7.25, replicas: ['replica-1', 'replica-2'] },
      ],
    };
    const section = renderTraces(results).value;
    expect(section).toContain(
      `<a href="${ZIPKIN}/zipkin/traces/4bf92f3577b34da6a3ce929d0e0e4736"><code>4bf92f3577b34da6a3ce929d0e0e4736</code></a>`,
    );
    expect(section).toContain(`href="${ZIPKIN}/zipkin/traces/00f067aa0ba902b7"`);
    expect(section).toContain('replica-2 → replica-1 → replica-3');
    expect(section.indexOf('4bf92f35')).toBeLessThan(section.indexOf('00f067aa'));
    expect(section).toMatch(/work only while that lab runs/);
  });

  it('says so when no cross-node trace was sampled, and renders nothing for runs without Zipkin', () => {
    const results = sampleResults();
    results.traces = { zipkinUrl: ZIPKIN, slowest: [] };
    expect(renderTraces(results).value).toContain('Zipkin held no cross-node delivery');
    delete results.traces;
    expect(renderTraces(results).value).toBe('');
  });

  it('links only to an http(s) Zipkin and only real trace ids', () => {
    expect(zipkinTraceUrl(`${ZIPKIN}/`, 'abcdef0123456789')).toBe(`${ZIPKIN}/zipkin/traces/abcdef0123456789`);
    expect(zipkinTraceUrl('javascript:alert(1)', 'abcdef0123456789')).toBeUndefined();
    expect(zipkinTraceUrl(ZIPKIN, '"><script>')).toBeUndefined();
    const results = sampleResults();
    results.traces = {
      zipkinUrl: 'javascript:alert(1)//',
      slowest: [{ traceId: 'abcdef0123456789', durationMs: 1, replicas: ['<b>r</b>'] }],
    };
    const section = renderTraces(results).value;
    expect(section).not.toContain('href=');
    expect(section).toContain('&lt;b&gt;r&lt;/b&gt;');
  });
});
