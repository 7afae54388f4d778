// Links in every dashboard's header: the other two dashboards (keeping the
// time range and the variables, so a fault seen on one is found on the next)
// and the selected run's HTML report.
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import { DashboardLinkBuilder, DashboardLinkType, type DashboardLink } from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARDS, type DashboardId } from '../catalogue.ts';
import { REPORT_BASE_VARIABLE } from './template-variables.ts';

export const dashboardUid = (id: DashboardId): string => `swagboard-${id}`;

export function dashboardLinks(current: DashboardId): Array<Builder<DashboardLink>> {
  const others = DASHBOARDS.filter((d) => d.id !== current).map((d) =>
    new DashboardLinkBuilder(d.title)
      .type(DashboardLinkType.Link)
      .url(`/d/${dashboardUid(d.id)}`)
      .icon('dashboard')
      .keepTime(true)
      .includeVars(true)
      .targetBlank(false),
  );
  const report = new DashboardLinkBuilder('Run report')
    .type(DashboardLinkType.Link)
    .url(`\${${REPORT_BASE_VARIABLE}}/\${run_id}/index.html`)
    .icon('doc')
    .tooltip('The selected run\'s HTML report (pick one run in "Run")')
    .targetBlank(true)
    .keepTime(false)
    .includeVars(false);
  return [...others, report];
}
