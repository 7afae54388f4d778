// Every panel, variable and annotation reads the data source the viewer picks
// in the $datasource variable; provisioning gives it a fixed uid so a fresh
// Grafana selects the lab's Prometheus by default.
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** Must match the uid in provisioning/datasources/prometheus.yaml. */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'swagboard-prometheus' } as const;

export const DATASOURCE_VARIABLE = 'datasource';

/** What panels reference: the variable, resolved by Grafana to the chosen Prometheus. */
export const DATASOURCE_REF: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
