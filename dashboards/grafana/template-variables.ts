// The dashboards' variables as SDK builders: the data source first (every
// other variable and panel queries through it), then the label variables of
// dashboards/variables.ts, then where the run reports are served.
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import {
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  TextBoxVariableBuilder,
  VariableRefresh,
  VariableSort,
  type VariableModel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { grafanaVariableQuery, LABEL_VARIABLES, type LabelVariable } from '../variables.ts';
import { DATASOURCE_REF, DATASOURCE_VARIABLE, PROMETHEUS_DATASOURCE } from './datasource.ts';

export const REPORT_BASE_VARIABLE = 'report_base';
/** Nothing serves reports by default; this is where `python3 -m http.server 8000 -d reports/runs` would. */
export const DEFAULT_REPORT_BASE = 'http://127.0.0.1:8000';

const ALL = { text: 'All', value: '$__all' };

function labelVariable(variable: LabelVariable): Builder<VariableModel> {
  const builder = new QueryVariableBuilder(variable.name)
    .label(variable.label)
    .description(variable.description)
    .datasource(DATASOURCE_REF)
    .query(grafanaVariableQuery(variable))
    .definition(grafanaVariableQuery(variable))
    // New runs and replicas appear without reloading the dashboard.
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .includeAll(true)
    // The catalogue filters with =~, so "All" must be a regex that also matches series without the label.
    .allValue('.*')
    .current(ALL);
  // One run at a time: the report link names a single run.
  return variable.name === 'run_id' ? builder.multi(false) : builder.multi(true);
}

export function templateVariables(): Array<Builder<VariableModel>> {
  return [
    new DatasourceVariableBuilder(DATASOURCE_VARIABLE)
      .label('Data source')
      .type(PROMETHEUS_DATASOURCE.type)
      .current({ text: 'Prometheus', value: PROMETHEUS_DATASOURCE.uid }),
    ...LABEL_VARIABLES.map(labelVariable),
    new TextBoxVariableBuilder(REPORT_BASE_VARIABLE)
      .label('Reports at')
      .description('Base URL where reports/runs is served; the "Run report" link opens <this>/<run_id>/index.html.')
      .defaultValue(DEFAULT_REPORT_BASE)
      .current({ text: DEFAULT_REPORT_BASE, value: DEFAULT_REPORT_BASE }),
  ];
}
