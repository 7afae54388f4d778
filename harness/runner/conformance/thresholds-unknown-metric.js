// A threshold on a metric the script never defines is a configuration error (exit code 104)
export const options = { iterations: 1, thresholds: { no_such_metric: ['count>0'] } };

export default function () {}
