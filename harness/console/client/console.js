// The console's only script: live uPlot charts fed from /api/series every
// second, shaded where faults applied from this console were active, and the
// toxic form showing the attributes of the chosen toxic. Everything else is
// server-rendered HTML that htmx swaps in.
(function () {
  'use strict';
  const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4b5563'];
  /** Replica faults red, link faults (toxics, cuts) amber, service restarts purple, as in the diagram and the legend. */
  const BAND_COLORS = { replica: '220, 38, 38', toxic: '217, 119, 6', link: '217, 119, 6', service: '124, 58, 237' };
  const plots = new Map();
  let faults = [];
  let busy = false;

  function format(unit, v) {
    if (v == null) return '–';
    if (unit === 'seconds') return v >= 1 ? v.toFixed(2) + ' s' : (v * 1000).toFixed(v < 0.01 ? 2 : 0) + ' ms';
    if (unit === 'per-second') return (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) + '/s';
    if (unit === 'bytes') return (v / 1024 / 1024).toFixed(1) + ' MiB';
    return Math.abs(v) >= 100 ? v.toFixed(0) : String(Math.round(v * 100) / 100);
  }

  /** Draws each fault as a translucent band behind the lines. */
  function faultBands(u) {
    const { ctx, bbox } = u;
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    ctx.save();
    for (const f of faults) {
      const end = f.end == null ? max : Math.max(f.end, f.start + 0.5);
      if (end < min || f.start > max) continue;
      const x0 = u.valToPos(Math.max(f.start, min), 'x', true);
      const x1 = u.valToPos(Math.min(end, max), 'x', true);
      const rgb = BAND_COLORS[f.kind] || BAND_COLORS.replica;
      ctx.fillStyle = `rgba(${rgb}, ${f.end == null ? 0.18 : 0.1})`;
      ctx.fillRect(x0, bbox.top, Math.max(2, x1 - x0), bbox.height);
    }
    ctx.restore();
  }

  function makePlot(figure, chart) {
    const el = figure.querySelector('.plot');
    const opts = {
      width: Math.max(280, el.clientWidth || 400),
      height: 170,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: {
          range: (u, lo, hi) => [Math.min(0, lo ?? 0), Math.max(hi ?? 1, chart.unit === 'seconds' ? 0.001 : 1) * 1.1],
        },
      },
      axes: [
        { stroke: '#374151' },
        { stroke: '#374151', size: 64, values: (u, ticks) => ticks.map((t) => format(chart.unit, t)) },
      ],
      series: [
        {},
        ...chart.series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          spanGaps: false,
          value: (u, v) => format(chart.unit, v),
        })),
      ],
      hooks: { drawClear: [faultBands] },
    };
    return new uPlot(opts, [chart.x, ...chart.series.map((s) => s.values)], el);
  }

  /** The last windowSeconds, but no wider than the data there is (at least a minute), so a young lab's lines are not squeezed into the right edge. */
  function xRange(payload) {
    const firsts = payload.charts.filter((c) => c.x.length).map((c) => c.x[0]);
    const earliest = firsts.length ? Math.min(...firsts) : payload.now;
    return {
      min: Math.min(payload.now - 60, Math.max(payload.now - payload.windowSeconds, earliest)),
      max: payload.now,
    };
  }

  function render(payload) {
    faults = payload.faults;
    renderWaterfall(payload.waterfall || []);
    const range = xRange(payload);
    for (const chart of payload.charts) {
      const figure = document.querySelector(`figure[data-chart="${chart.id}"]`);
      if (!figure) continue;
      const labels = chart.series.map((s) => s.label).join('\u0000');
      const empty = figure.querySelector('.chart-empty');
      empty.textContent = chart.error ? `query failed: ${chart.error}` : 'no data yet';
      empty.hidden = chart.series.length > 0 && !chart.error;
      figure.dataset.series = String(chart.series.length);
      figure.dataset.last = JSON.stringify(Object.fromEntries(chart.series.map((s) => [s.label, lastValue(s.values)])));
      let entry = plots.get(chart.id);
      // New or vanished series need a new plot; otherwise only the data changes.
      if (entry && entry.labels !== labels) {
        entry.plot.destroy();
        entry = undefined;
      }
      if (!chart.series.length) continue;
      if (!entry) {
        entry = { plot: makePlot(figure, chart), labels };
        plots.set(chart.id, entry);
      } else {
        entry.plot.setData([chart.x, ...chart.series.map((s) => s.values)]);
      }
      entry.plot.setScale('x', range);
    }
  }

  /** Bars laid end to end, each as wide as its hop's share of the total. */
  function renderWaterfall(bars) {
    const figure = document.querySelector('figure[data-waterfall]');
    if (!figure) return;
    const total = bars.reduce((sum, b) => sum + b.seconds, 0);
    figure.querySelector('.chart-empty').hidden = bars.length > 0;
    figure.dataset.hops = String(bars.length);
    const box = figure.querySelector('.bars');
    box.replaceChildren(
      ...bars.map((b, i) => {
        const row = document.createElement('div');
        row.className = 'bar-row';
        const name = document.createElement('span');
        name.className = 'bar-name';
        name.textContent = `${b.hop} (${b.path})`;
        const track = document.createElement('span');
        track.className = 'bar-track';
        const bar = document.createElement('span');
        bar.className = 'bar';
        bar.style.marginLeft = `${total ? (b.start / total) * 100 : 0}%`;
        bar.style.width = `${total ? Math.max(0.5, (b.seconds / total) * 100) : 0}%`;
        bar.style.background = COLORS[i % COLORS.length];
        track.append(bar);
        const value = document.createElement('span');
        value.className = 'bar-value';
        value.textContent = format('seconds', b.seconds);
        row.append(name, track, value);
        return row;
      }),
    );
  }

  function lastValue(values) {
    for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i];
    return null;
  }

  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch('/api/series', { cache: 'no-store' });
      if (response.ok) render(await response.json());
    } catch (error) {
      // The console outlived the lab, or a refresh overlapped a reload: the next tick retries.
    } finally {
      busy = false;
    }
  }

  function showToxicAttributes(select) {
    for (const set of select.form.querySelectorAll('fieldset[data-toxic]')) {
      set.hidden = set.dataset.toxic !== select.value;
      for (const input of set.querySelectorAll('input')) input.disabled = set.hidden;
    }
  }

  document.addEventListener('change', (event) => {
    if (event.target.matches('[data-toxic-select]')) showToxicAttributes(event.target);
  });
  window.addEventListener('resize', () => {
    for (const [id, { plot }] of plots) {
      const el = document.querySelector(`figure[data-chart="${id}"] .plot`);
      if (el) plot.setSize({ width: Math.max(280, el.clientWidth), height: 170 });
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    const select = document.querySelector('[data-toxic-select]');
    if (select) showToxicAttributes(select);
    refresh();
    setInterval(refresh, 1000);
  });
})();
