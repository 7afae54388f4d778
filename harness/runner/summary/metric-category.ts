// The sections of k6's compact summary: built-in metrics by protocol or
// concern, everything the script defined under CUSTOM.
export const CATEGORY_ORDER = ['CUSTOM', 'HTTP', 'WEBSOCKET', 'GRPC', 'BROWSER', 'EXECUTION', 'NETWORK'] as const;
export type Category = (typeof CATEGORY_ORDER)[number];

const EXECUTION = new Set([
  'iteration_duration',
  'iterations',
  'dropped_iterations',
  'vus',
  'vus_max',
  'group_duration',
]);
const NETWORK = new Set(['data_received', 'data_sent']);

/** `checks` is not listed: the summary shows it as checks_total/succeeded/failed. */
export function categoryOf(metric: string): Category | undefined {
  if (metric === 'checks') return undefined;
  if (EXECUTION.has(metric)) return 'EXECUTION';
  if (NETWORK.has(metric)) return 'NETWORK';
  if (metric.startsWith('http_')) return 'HTTP';
  if (metric.startsWith('ws_')) return 'WEBSOCKET';
  if (metric.startsWith('grpc_')) return 'GRPC';
  if (metric.startsWith('browser_') || metric.startsWith('webvital_')) return 'BROWSER';
  return 'CUSTOM';
}
