// A threshold stat the metric type lacks (count on a Trend) is rejected before the run with exit code 104
import { Trend } from 'k6/metrics';

const latency = new Trend('latency', true);

export const options = { iterations: 1, thresholds: { latency: ['count>0'] } };

export default function () {
  latency.add(1);
}
