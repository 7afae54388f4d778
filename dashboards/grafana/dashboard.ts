// One catalogue dashboard as an SDK DashboardBuilder: header (variables,
// annotations, links) plus one panel per catalogue query on that dashboard.
import {
  DashboardBuilder,
  DashboardCursorSync,
  TimePickerBuilder,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARDS, queriesFor, type DashboardId } from '../catalogue.ts';
import { dashboardAnnotations } from './annotations.ts';
import { dashboardLinks, dashboardUid } from './dashboard-links.ts';
import { cataloguePanel, layoutPanels, PANEL_SIZE } from './panels.ts';
import { templateVariables } from './template-variables.ts';

export function grafanaDashboard(id: DashboardId): Dashboard {
  const title = DASHBOARDS.find((d) => d.id === id)?.title ?? id;
  const queries = queriesFor(id);
  const positions = layoutPanels(queries.map((q) => PANEL_SIZE[q.kind]));
  const builder = new DashboardBuilder(title)
    .id(null)
    .uid(dashboardUid(id))
    .tags(['swagboard', 'generated'])
    .description(
      'Generated from dashboards/catalogue.ts by dashboards/grafana/build.ts; edit the catalogue, not this file.',
    )
    .timezone('browser')
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .time({ from: 'now-15m', to: 'now' })
    .timepicker(new TimePickerBuilder().refreshIntervals(['5s', '10s', '30s', '1m']))
    .refresh('5s')
    .version(1)
    .variables(templateVariables())
    .annotations(dashboardAnnotations())
    .links(dashboardLinks(id));
  queries.forEach((query, i) =>
    builder.withPanel(cataloguePanel(query, i + 1, positions[i] ?? { x: 0, y: 0, w: 12, h: 8 })),
  );
  return inHeader(builder.build());
}

/**
 * The SDK's builders default links and annotations to placement
 * "inControlsMenu", which (per its types) tucks them into the controls
 * dropdown. Without a placement they show in the dashboard header, where the
 * fault toggle and the links to the other dashboards and the report belong.
 */
function inHeader(dashboard: Dashboard): Dashboard {
  for (const link of dashboard.links ?? []) delete link.placement;
  for (const annotation of dashboard.annotations?.list ?? []) delete annotation.placement;
  return dashboard;
}
