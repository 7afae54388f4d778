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
    for (const q of ['0.5', '0.99'])
      expect(exprs).toContain(`histogram_quantile(${q}, sum by (le, hop, path) (rate(swagboard_hop_seconds_bucket`);
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

describe('catalogue filters', () => {
  it('leave every expression unchanged when no filter is given (the report evaluates expr)', () => {
    for (const q of CATALOGUE) expect(q.exprFor({}), q.id).toBe(q.expr);
  });

  it('narrow server series by replica, bus series by bus and runner series by run_id, with =~ matchers', () => {
    const byId = new Map(CATALOGUE.map((q) => [q.id, q]));
    expect(byId.get('ws-connections-per-replica')!.exprFor({ replica: 'replica-1|replica-2' })).toBe(
      'sum by (replica) (swagboard_ws_connections{job="swagboard", replica=~"replica-1|replica-2"})',
    );
    expect(byId.get('bus-publish-rate')!.exprFor({ bus: 'nats' })).toContain(
      'swagboard_bus_publish_total{job="swagboard", bus=~"nats"}',
    );
    expect(byId.get('runner-vus')!.exprFor({ runId: 'r1' })).toBe('sum by (run_id) (k6_vus{run_id=~"r1"})');
    // A filter a query's series do not carry is ignored rather than emptying the panel.
    expect(byId.get('runner-vus')!.exprFor({ replica: 'replica-1', bus: 'redis' })).toBe(byId.get('runner-vus')!.expr);
    expect(byId.get('ws-connections-total')!.exprFor({ bus: 'redis' })).toBe(byId.get('ws-connections-total')!.expr);
  });

  it('list in filteredBy exactly the filters that change the expression', () => {
    for (const q of CATALOGUE) {
      for (const key of ['replica', 'bus', 'runId'] as const) {
        expect(q.exprFor({ [key]: 'x' }) !== q.expr, `${q.id} ${key}`).toBe(q.filteredBy.includes(key));
      }
    }
    expect(CATALOGUE.filter((q) => q.filteredBy.includes('runId')).every((q) => /\bk6_/.test(q.expr))).toBe(true);
    expect(CATALOGUE.filter((q) => q.filteredBy.includes('bus')).every((q) => q.expr.includes('swagboard_bus_'))).toBe(
      true,
    );
  });
});
