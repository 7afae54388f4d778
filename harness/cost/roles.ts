import type { CostRole } from '../../reports/cost/cost-results.ts';

/** The runner's own process, listed beside the containers. */
export const RUNNER = 'runner';

const SYSTEM_UNDER_TEST = /^(replica-\d+|postgres|redis|nats)$/;

/**
 * What a deployment of SwagBoard would pay for (replicas, Postgres, the bus) is
 * the system under test; everything else (Toxiproxy, HAProxy, Prometheus,
 * exporters, Zipkin, Grafana, the runner) is the lab's own cost, whatever new
 * service is added later.
 */
export function roleOf(component: string): CostRole {
  return SYSTEM_UNDER_TEST.test(component) ? 'sut' : 'lab';
}
