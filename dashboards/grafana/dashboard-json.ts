// Catalogue → Grafana dashboard JSON model (the documented "JSON model" a
// dashboard exports as). Only the fields a provisioned, read-only dashboard
// needs are set; Grafana fills defaults for the rest when it loads the file.
import { DASHBOARDS, queriesFor, type CatalogueQuery, type DashboardId, type QueryUnit } from '../catalogue.ts';

/** Must match the uid in provisioning/datasources/prometheus.yaml. */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'swagboard-prometheus' } as const;

// Grafana's unit ids for the catalogue's unit vocabulary.
const GRAFANA_UNIT: Record<QueryUnit, string> = {
  seconds: 's',
  bytes: 'bytes',
  count: 'short',
  'per-second': 'ops',
  ratio: 'percentunit',
};

// Grafana lays panels on a 24-column grid.
const GRID_COLUMNS = 24;
const PANEL_SIZE: Record<CatalogueQuery['kind'], { w: number; h: number }> = {
  stat: { w: 8, h: 4 },
  timeseries: { w: 12, h: 8 },
  heatmap: { w: 24, h: 9 },
};

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Packs panels left to right, wrapping to a new row when the next one does not fit. */
export function layoutPanels(sizes: ReadonlyArray<{ w: number; h: number }>): GridPos[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return sizes.map(({ w, h }) => {
    if (x + w > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const pos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return pos;
  });
}

function legendFormat(query: CatalogueQuery): string {
  return query.legendLabels.map((label) => `{{${label}}}`).join(' ') || '__auto';
}

function panelOptions(kind: CatalogueQuery['kind']): Record<string, unknown> {
  switch (kind) {
    case 'stat':
      return { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, graphMode: 'area', colorMode: 'value' };
    case 'heatmap':
      // The buckets are already a histogram; Grafana must not re-bucket them.
      return { calculate: false, yAxis: { unit: 's' }, cellGap: 1 };
    case 'timeseries':
      return { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } };
  }
}

export function grafanaPanel(query: CatalogueQuery, id: number, gridPos: GridPos): Record<string, unknown> {
  return {
    id,
    type: query.kind,
    title: query.title,
    ...(query.description !== undefined ? { description: query.description } : {}),
    gridPos,
    datasource: PROMETHEUS_DATASOURCE,
    targets: [
      {
        refId: 'A',
        datasource: PROMETHEUS_DATASOURCE,
        expr: query.expr,
        legendFormat: legendFormat(query),
        range: true,
        ...(query.kind === 'heatmap' ? { format: 'heatmap' } : {}),
      },
    ],
    fieldConfig: { defaults: { unit: GRAFANA_UNIT[query.unit] }, overrides: [] },
    options: panelOptions(query.kind),
  };
}

export function grafanaDashboard(dashboard: DashboardId): Record<string, unknown> {
  const meta = DASHBOARDS.find((d) => d.id === dashboard);
  const queries = queriesFor(dashboard);
  const positions = layoutPanels(queries.map((q) => PANEL_SIZE[q.kind]));
  return {
    id: null,
    uid: `swagboard-${dashboard}`,
    title: meta?.title ?? dashboard,
    tags: ['swagboard', 'generated'],
    description: 'Generated from dashboards/catalogue.ts by dashboards/grafana/build.ts; edit the catalogue, not this file.',
    timezone: 'browser',
    editable: false,
    graphTooltip: 1,
    time: { from: 'now-15m', to: 'now' },
    timepicker: { refresh_intervals: ['5s', '10s', '30s', '1m'] },
    refresh: '5s',
    templating: { list: [] },
    annotations: { list: [] },
    links: DASHBOARDS.filter((d) => d.id !== dashboard).map((d) => ({
      title: d.title,
      type: 'link',
      url: `/d/swagboard-${d.id}`,
    })),
    panels: queries.map((query, i) => grafanaPanel(query, i + 1, positions[i] ?? { x: 0, y: 0, w: 12, h: 8 })),
    schemaVersion: 39,
    version: 1,
  };
}
