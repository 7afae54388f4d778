import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../dashboards/catalogue.ts';
import { consoleCharts, waterfallQuery } from './console-queries.ts';

describe('console queries', () => {
  it('are catalogue queries, the very objects dashboards and reports use', () => {
    const charts = consoleCharts();
    expect(charts.map((q) => q.id)).toEqual([
      'ws-connections-per-replica',
      'events-delivered-rate',
      'bus-receive-lag-p99',
      'errors-rate',
      'slow-consumer-drops-rate',
      'hop-latency-p99',
    ]);
    for (const chart of [...charts, waterfallQuery()]) expect(CATALOGUE).toContain(chart);
  });
});
