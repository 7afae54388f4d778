// Thresholds on a metric that got no samples are judged (k6 >= v0.38): count>0 on an unused Counter fails
import { Counter } from 'k6/metrics';

const delivered = new Counter('delivered');

export const options = {
  iterations: 1,
  thresholds: { delivered: ['count>0'], 'delivered{path:cross}': ['count<1'] },
};

export default function () {}
