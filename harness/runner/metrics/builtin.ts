import type { MetricDef } from './types.ts';

// The built-in metrics this runner emits, with the types k6 documents for them.
export const BUILTIN_METRICS: readonly MetricDef[] = [
  { name: 'vus', type: 'gauge', contains: 'default' },
  { name: 'vus_max', type: 'gauge', contains: 'default' },
  { name: 'iterations', type: 'counter', contains: 'default' },
  { name: 'iteration_duration', type: 'trend', contains: 'time' },
  { name: 'dropped_iterations', type: 'counter', contains: 'default' },
  { name: 'checks', type: 'rate', contains: 'default' },
  { name: 'group_duration', type: 'trend', contains: 'time' },
  { name: 'data_sent', type: 'counter', contains: 'data' },
  { name: 'data_received', type: 'counter', contains: 'data' },
  { name: 'http_reqs', type: 'counter', contains: 'default' },
  { name: 'http_req_duration', type: 'trend', contains: 'time' },
  { name: 'http_req_failed', type: 'rate', contains: 'default' },
  { name: 'ws_sessions', type: 'counter', contains: 'default' },
  { name: 'ws_msgs_sent', type: 'counter', contains: 'default' },
  { name: 'ws_msgs_received', type: 'counter', contains: 'default' },
  { name: 'ws_connecting', type: 'trend', contains: 'time' },
  { name: 'ws_session_duration', type: 'trend', contains: 'time' },
  { name: 'ws_ping', type: 'trend', contains: 'time' },
];
