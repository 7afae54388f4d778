import { describe, expect, it } from 'vitest';
import { byteTicks, elapsedTicks, formatElapsed, niceTicks } from './axis-ticks.ts';
import { contiguousRuns, hasChartData, renderTimeSeriesChart } from './time-series-chart.ts';

describe('axis ticks', () => {
  it('puts value ticks on 1/2/5 steps covering the data', () => {
    expect(niceTicks(0, 187)).toMatchObject({ min: 0, max: 200, step: 50, values: [0, 50, 100, 150, 200] });
    expect(niceTicks(0, 0.093).values).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  });
  it('widens a flat range so the line is visible', () => {
    const ticks = niceTicks(5, 5);
    expect(ticks.min).toBeLessThan(5);
    expect(ticks.max).toBeGreaterThan(5);
  });
  it('puts byte ticks on whole binary units', () => {
    expect(byteTicks(0, 100 * 1024 * 1024).values.map((v) => v / 1024 / 1024)).toEqual([0, 20, 40, 60, 80, 100]);
  });
  it('puts time ticks on clock-friendly steps', () => {
    expect(elapsedTicks(180)).toEqual([0, 30, 60, 90, 120, 150, 180]);
    expect(formatElapsed(95)).toBe('1:35');
    expect(formatElapsed(3723)).toBe('1:02:03');
  });
});

describe('contiguousRuns', () => {
  it('breaks the line at gaps wider than 1.5 steps and at non-finite values', () => {
    const runs = contiguousRuns(
      [
        [0, 1],
        [5, 2],
        [20, 3],
        [25, Number.NaN],
        [30, 4],
        [35, 5],
      ],
      5,
    );
    expect(runs).toEqual([
      [
        [0, 1],
        [5, 2],
      ],
      [[20, 3]],
      [
        [30, 4],
        [35, 5],
      ],
    ]);
  });
});

describe('renderTimeSeriesChart', () => {
  const input = {
    title: 'Connections',
    unit: 'count',
    series: [
      {
        label: 'replica=a',
        points: [
          [1000, 1],
          [1005, 3],
          [1010, 2],
        ] as Array<[number, number]>,
      },
      {
        label: 'replica=b',
        points: [
          [1000, 2],
          [1005, 2],
        ] as Array<[number, number]>,
      },
    ],
    events: [
      { label: 'kill replica-2', start: 1003, end: 1007 },
      { label: 'restart', start: 1008 },
    ],
    window: { start: 1000, end: 1010 },
    stepSeconds: 5,
  };

  it('draws one path per series, a band per ranged event and a marker per instant one', () => {
    const svg = renderTimeSeriesChart(input).value;
    expect(svg.match(/<path class="series" d="M[\d.]+,[\d.]+L/g)).toHaveLength(2);
    expect(svg).toContain('<g class="chaos band">');
    expect(svg).toContain('<g class="chaos instant">');
    expect(svg).toContain('kill replica-2');
    expect(svg).toContain('0:10'); // elapsed time label at the end of the window
  });

  it('shades the warm-up from its start to its end, behind the chaos bands, and only when given', () => {
    const svg = renderTimeSeriesChart({ ...input, warmup: { start: 1000, end: 1002 } }).value;
    // The plot spans 784 units for 10 s: 2 s of warm-up are 156.8 wide, from the left margin (78).
    expect(svg).toContain(
      '<g class="warmup band"><title>warm-up: left out of steady-state figures</title><rect x="78" y="30" width="156.8"',
    );
    expect(svg.indexOf('class="warmup band"')).toBeLessThan(svg.indexOf('class="chaos band"'));
    expect(renderTimeSeriesChart(input).value).not.toContain('warmup');
  });

  it('reports whether there is anything to draw', () => {
    expect(hasChartData(input.series)).toBe(true);
    expect(hasChartData([{ label: 'x', points: [] }])).toBe(false);
  });
});

describe('chaos labels', () => {
  it('are cut to fit inside the chart but keep the full text in the tooltip', () => {
    const label = `kill ${'replica-2 '.repeat(40)}`;
    const svg = renderTimeSeriesChart({
      title: 't',
      unit: 'count',
      series: [
        {
          label: 's',
          points: [
            [0, 1],
            [5, 2],
          ],
        },
      ],
      events: [{ label, start: 4 }],
      window: { start: 0, end: 5 },
      stepSeconds: 5,
    }).value;
    expect(svg).toContain(`<title>${label}</title>`);
    expect(svg).toMatch(/<text x="[\d.]+" y="\d+">kill replica-2[^<]*…<\/text>/);
  });
});
