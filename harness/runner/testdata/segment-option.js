// A segment given in the script's options, as k6 allows.
export const options = { executionSegment: '0:1/4', vus: 4, iterations: 12 };
export default function () {}
