import { describe, expect, it } from 'vitest';
import { CATALOGUE, DASHBOARDS, queriesFor } from './catalogue.ts';

describe('catalogue', () => {
  it('has unique kebab-case ids', () => {
    const ids = CATALOGUE.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('places every query on a known dashboard, and no dashboard is empty', () => {
    const known = new Set(DASHBOARDS.map((d) => d.id));
    for (const q of CATALOGUE) expect(known.has(q.dashboard)).toBe(true);
    for (const d of DASHBOARDS) expect(queriesFor(d.id).length).toBeGreaterThan(0);
  });

  it('covers the metrics the lab relies on', () => {
    const exprs = CATALOGUE.map((q) => q.expr).join('\n');
    for (const metric of [
      'swagboard_ws_connections',
      'swagboard_ws_messages_received_total',
      'swagboard_ws_messages_sent_total',
      'swagboard_fanout_latency_seconds_bucket',
      'swagboard_bus_publish_total',
      'swagboard_bus_received_total',
      'swagboard_process_resident_memory_bytes',
      'swagboard_nodejs_eventloop_lag_seconds',
      'haproxy_server_current_sessions',
      'swagboard_hop_seconds_bucket',
    ]) {
      expect(exprs).toContain(metric);
    }
    expect(exprs).toMatch(/histogram_quantile\(0\.5, sum by \(le\) \(rate\(swagboard_fanout_latency_seconds_bucket/);
    expect(exprs).toMatch(/histogram_quantile\(0\.99, sum by \(le\) \(rate\(swagboard_fanout_latency_seconds_bucket/);
    for (const q of ['0.5', '0.99']) expect(exprs).toContain(`histogram_quantile(${q}, sum by (le, hop, path) (rate(swagboard_hop_seconds_bucket`);
  });

  it('uses only plain PromQL (no Grafana-only variables) so Prometheus can evaluate it directly', () => {
    for (const q of CATALOGUE) expect(q.expr).not.toContain('$');
  });

  it('has balanced parentheses and quotes in every expression', () => {
    for (const q of CATALOGUE) {
      let depth = 0;
      for (const ch of q.expr) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        expect(depth, q.id).toBeGreaterThanOrEqual(0);
      }
      expect(depth, q.id).toBe(0);
      expect((q.expr.match(/"/g) ?? []).length % 2, q.id).toBe(0);
    }
  });

  it('names only labels that its series keep as legend labels', () => {
    for (const q of CATALOGUE) {
      for (const label of q.legendLabels) expect(q.expr, `${q.id} legend ${label}`).toContain(label);
    }
  });
});
