// The dashboards' template variables, as plain data: Grafana reads them as
// `label_values(metric, label)` queries, and the live-query test asks
// Prometheus the same question (/api/v1/label/<label>/values?match[]=metric),
// so a variable whose metric or label disappears fails a test, not a viewer.
import type { QueryFilters } from './catalogue.ts';

export interface LabelVariable {
  /** Grafana variable name, used as `$name` in the panels. */
  name: string;
  label: string;
  /** The series whose label values the variable lists. */
  metric: string;
  labelName: string;
  /** The catalogue filter this variable feeds. */
  filter: keyof QueryFilters;
  description: string;
}

export const LABEL_VARIABLES: readonly LabelVariable[] = [
  {
    name: 'run_id',
    label: 'Run',
    metric: 'k6_vus',
    labelName: 'run_id',
    filter: 'runId',
    description:
      "The run whose load-generator series and chaos faults are shown (runner series carry run_id; server series are per lab, so pick the run's time range too).",
  },
  {
    name: 'replica',
    label: 'Replica',
    metric: 'swagboard_ws_connections',
    labelName: 'replica',
    filter: 'replica',
    description: 'SwagBoard replicas whose series are shown.',
  },
  {
    name: 'bus',
    label: 'Bus',
    metric: 'swagboard_bus_publish_total',
    labelName: 'bus',
    filter: 'bus',
    description: 'Bus transport (redis or nats) of the bus panels.',
  },
];

/** Grafana's Prometheus variable query for one variable. */
export function grafanaVariableQuery(variable: LabelVariable): string {
  return `label_values(${variable.metric}, ${variable.labelName})`;
}

/** The filters that make every catalogue query follow the variables (`$replica`…). */
export function variableFilters(): QueryFilters {
  return Object.fromEntries(LABEL_VARIABLES.map((v) => [v.filter, `$${v.name}`])) as QueryFilters;
}
