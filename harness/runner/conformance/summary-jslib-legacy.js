// jslib k6-summary 0.0.x textSummary renders k6's pre-1.0 (legacy) layout, as it does on k6
import { check } from 'k6';
import { textSummary } from 'https://jslib.k6.io/k6-summary/0.0.2/index.js';

export const options = { iterations: 1 };

export default function () {
  check(1, { 'one is one': (v) => v === 1 });
}

export function handleSummary(data) {
  return { stdout: textSummary(data, { indent: ' ', enableColors: false }) };
}
