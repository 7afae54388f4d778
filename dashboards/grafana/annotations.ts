// Annotations: Grafana's own (so users can still mark the charts) and the
// chaos faults the lab wrote as swag_fault_active, drawn as regions.
import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import { AnnotationQueryBuilder, type AnnotationQuery } from '@grafana/grafana-foundation-sdk/dashboard';
import { faultAnnotationExpr } from '../fault-series.ts';
import { DATASOURCE_REF } from './datasource.ts';

/** Resolution of the fault regions; 5 s keeps a 15 h range under Prometheus' 11,000-point limit. */
export const FAULT_ANNOTATION_STEP = '5s';

export function dashboardAnnotations(): Array<Builder<AnnotationQuery>> {
  return [
    new AnnotationQueryBuilder()
      .name('Annotations & Alerts')
      .builtIn(1)
      .type('dashboard')
      .datasource({ type: 'grafana', uid: '-- Grafana --' })
      .enable(true)
      .hide(true)
      .iconColor('rgba(0, 211, 255, 1)'),
    new AnnotationQueryBuilder()
      .name('Chaos faults')
      .datasource(DATASOURCE_REF)
      .enable(true)
      .iconColor('red')
      .expr(faultAnnotationExpr('$run_id'))
      .step(FAULT_ANNOTATION_STEP)
      .titleFormat('{{fault}} {{target}}')
      .textFormat('plan step {{step}}, run {{run_id}}')
      .tagKeys('fault,target'),
  ];
}
