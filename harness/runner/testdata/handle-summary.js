import { textSummary } from 'https://jslib.k6.io/k6-summary/0.0.2/index.js';
import { Counter } from 'k6/metrics';

const things = new Counter('things');
export const options = { iterations: 2 };

export default function () {
  things.add(2, { kind: 'widget' });
}

export function handleSummary(data) {
  return {
    stdout: `custom summary: things=${data.metrics.things.values.count}\n`,
    'out/summary.json': JSON.stringify(data),
    'out/summary.txt': textSummary(data, { indent: ' ', enableColors: false }),
  };
}
