import { describe, expect, it } from 'vitest';
import { alignSeries, seriesLabel } from './console-series.ts';
import type { CatalogueQuery } from '../../dashboards/catalogue.ts';

const query: CatalogueQuery = {
  id: 'q',
  title: 'Q',
  unit: 'count',
  expr: 'x',
  kind: 'timeseries',
  dashboard: 'load',
  legendLabels: ['replica'],
  exprFor: () => 'x',
  filteredBy: [],
};

describe('console series', () => {
  it('aligns series with gaps on one sorted time axis, labelled by the legend labels', () => {
    const data = alignSeries(query, {
      id: 'q',
      title: 'Q',
      unit: 'count',
      query: 'x',
      stepSeconds: 1,
      series: [
        { labels: { replica: 'replica-2' }, points: [[12, 5]] },
        {
          labels: { replica: 'replica-1' },
          points: [
            [10, 1],
            [11, 2],
            [12, 3],
          ],
        },
      ],
    });
    expect(data.x).toEqual([10, 11, 12]);
    expect(data.series).toEqual([
      { label: 'replica-1', values: [1, 2, 3] },
      { label: 'replica-2', values: [null, null, 5] },
    ]);
  });

  it('falls back to every label, then to "total"', () => {
    expect(seriesLabel({ what: 'drops' }, ['replica'])).toBe('drops');
    expect(seriesLabel({}, ['replica'])).toBe('total');
  });

  it('keeps a query error for the chart to show', () => {
    expect(
      alignSeries(query, { id: 'q', title: 'Q', unit: 'count', query: 'x', stepSeconds: 1, series: [], error: 'bad' })
        .error,
    ).toBe('bad');
  });
});
