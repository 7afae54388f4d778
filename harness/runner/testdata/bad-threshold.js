export const options = { thresholds: { iteration_duration: ['p(99<50'] } };
export default function () {}
