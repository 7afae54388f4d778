// exec.vu.metrics.metadata: set on samples, never a tag (k6/execution docs).
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const marks = new Counter('marks');
export const options = { iterations: 2, vus: 1 };

export default function () {
  exec.vu.metrics.metadata.trace_id = `trace-${exec.vu.iterationInScenario}`;
  marks.add(1);
  delete exec.vu.metrics.metadata.trace_id;
  marks.add(1, { after: 'delete' });
}
