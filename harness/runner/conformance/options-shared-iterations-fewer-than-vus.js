// shared-iterations with fewer iterations than VUs is rejected before the run (exit code 104), not clamped
export const options = {
  scenarios: { few: { executor: 'shared-iterations', vus: 5, iterations: 2 } },
};

export default function () {}
