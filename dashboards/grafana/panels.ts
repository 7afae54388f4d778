// Catalogue query → typed Grafana panel (SDK builders). The panel's query is
// the catalogue's expression narrowed by the dashboard's template variables.
import {
  BigValueColorMode,
  BigValueGraphMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as HeatmapPanelBuilder, YAxisConfigBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { CatalogueQuery, QueryUnit } from '../catalogue.ts';
import { variableFilters } from '../variables.ts';
import { DATASOURCE_REF } from './datasource.ts';

// Grafana's unit ids for the catalogue's unit vocabulary.
const GRAFANA_UNIT: Record<QueryUnit, string> = {
  seconds: 's',
  bytes: 'bytes',
  count: 'short',
  'per-second': 'ops',
  ratio: 'percentunit',
};

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

// Grafana lays panels on a 24-column grid.
const GRID_COLUMNS = 24;
export const PANEL_SIZE: Record<CatalogueQuery['kind'], { w: number; h: number }> = {
  stat: { w: 8, h: 4 },
  timeseries: { w: 12, h: 8 },
  heatmap: { w: 24, h: 9 },
};

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

/** The expression a dashboard panel runs: the catalogue's, narrowed by $replica, $bus and $run_id. */
export function dashboardExpr(query: CatalogueQuery): string {
  return query.exprFor(variableFilters());
}

function target(query: CatalogueQuery): DataqueryBuilder {
  const target = new DataqueryBuilder()
    .refId('A')
    .datasource(DATASOURCE_REF)
    .expr(dashboardExpr(query))
    .legendFormat(legendFormat(query))
    .range();
  // The buckets are already a histogram; Grafana must not re-bucket them.
  return query.kind === 'heatmap' ? target.format(PromQueryFormat.Heatmap) : target;
}

export function cataloguePanel(query: CatalogueQuery, id: number, gridPos: GridPos): Builder<Panel> {
  const unit = GRAFANA_UNIT[query.unit];
  const common = <T extends TimeseriesPanelBuilder | StatPanelBuilder | HeatmapPanelBuilder>(panel: T): T => {
    panel.id(id).title(query.title).gridPos(gridPos).datasource(DATASOURCE_REF).withTarget(target(query)).unit(unit);
    if (query.description !== undefined) panel.description(query.description);
    return panel;
  };
  switch (query.kind) {
    case 'stat':
      return common(new StatPanelBuilder())
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false))
        .graphMode(BigValueGraphMode.Area)
        .colorMode(BigValueColorMode.Value);
    case 'heatmap':
      return common(new HeatmapPanelBuilder()).calculate(false).yAxis(new YAxisConfigBuilder().unit('s')).cellGap(1);
    case 'timeseries':
      return common(new TimeseriesPanelBuilder())
        .legend(
          new VizLegendOptionsBuilder()
            .displayMode(LegendDisplayMode.List)
            .placement(LegendPlacement.Bottom)
            .showLegend(true),
        )
        .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending));
  }
}
