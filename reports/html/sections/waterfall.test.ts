import { describe, expect, it } from 'vitest';
import { runResultsSchema } from '../../results-schema.ts';
import { sampleResults } from '../../testdata/sample-results.ts';
import { withWaterfall } from '../../testdata/waterfall-results.ts';
import { renderReport } from '../render-report.ts';
import { renderWaterfall } from './waterfall.ts';

describe('renderWaterfall', () => {
  const results = withWaterfall(sampleResults());
  const section = renderWaterfall(results).value;

  it('says at a glance what cross-node adds and how much of it is the bus', () => {
    // Clients: cross p50 9.6 ms − same 5.2 ms; synthetic bus hop p50 0.5 ms, p99 0.99 ms.
    expect(section).toContain('Cross-node adds 4.4 ms at p50, of which the bus hop is 500 µs.');
    expect(section).toContain('At p99 it adds 27.1 ms, of which the bus hop is 990 µs.');
  });

  it('does not claim cross-node adds a negative time', () => {
    const noisy = withWaterfall(sampleResults());
    noisy.waterfall!.paths.find((p) => p.path === 'cross')!.endToEnd = { p50Ms: 9.6, p99Ms: 20 };
    const out = renderWaterfall(noisy).value;
    expect(out).toContain(
      'At p99 cross-node was 1.7 ms below same-node (noise of one run; the bus hop alone is 990 µs).',
    );
    expect(out).not.toContain('adds -');
  });

  it('draws one stacked row per path at p50 and at p99, each hop a segment, the client figure a marker', () => {
    expect(section.match(/<svg class="chart stacked"/g)).toHaveLength(2);
    expect(section.match(/<g class="segment">/g)).toHaveLength(2 * (5 + 6));
    expect(section.match(/<g class="marker">/g)).toHaveLength(4);
    expect(section).toContain('cross-node p50 · bus transit: 500 µs');
    // socket_last is drawn beyond socket_first: 0.5 − 0.05 ms.
    expect(section).toContain('same-node p50 · last socket, beyond the first: 450 µs');
  });

  it('says where the hops fall short of the client figure, and by how much', () => {
    // Cross p50: hops reach 3.45–3.9 ms, clients saw 9.6 ms.
    expect(section).toContain(
      'cross-node p50: the hops add up to 3.65 ms, the clients measured 9.6 ms; 5.95 ms (62 %) is in no hop.',
    );
    expect(section.match(/includes the client's own network/g)).toHaveLength(1);
  });

  it('stays quiet where the hops do add up', () => {
    const near = withWaterfall(sampleResults());
    const same = near.waterfall!.paths.find((p) => p.path === 'same')!;
    same.endToEnd = { p50Ms: 3, p99Ms: same.endToEnd!.p99Ms };
    expect(renderWaterfall(near).value).not.toContain('same-node p50: the hops add up');
  });

  it('tabulates every hop with its count, and names the window and the ack', () => {
    expect(section).toContain('<code>bus_transit</code></th><td>500 µs</td><td>990 µs</td><td>200</td>');
    expect(section).toContain('over the last 152 s of the run (steady state: the 30 s warm-up left out');
    expect(section).toContain('Send → ack as the client measured it: p50 4.1 ms, p99 15.5 ms.');
  });

  it('shows client figures and says so when the server has no hop histograms', () => {
    const clientOnly = withWaterfall(sampleResults());
    for (const path of clientOnly.waterfall!.paths) path.hops = [];
    const out = renderWaterfall(clientOnly).value;
    expect(out).toContain('No per-hop data');
    expect(out).toContain('Cross-node adds 4.4 ms at p50 (no bus hop was measured).');
  });

  it('is absent without a waterfall, and linked from the report when present', () => {
    expect(renderWaterfall(sampleResults()).value).toBe('');
    const page = renderReport(results);
    expect(page).toContain('<a href="#waterfall">Waterfall</a>');
    expect(page.indexOf('id="waterfall"')).toBeGreaterThan(page.indexOf('id="latency"'));
    expect(renderReport(sampleResults())).not.toContain('#waterfall');
  });

  it('fits the results.json schema', () => {
    expect(runResultsSchema.parse(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });
});
