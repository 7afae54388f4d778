// The externally-controlled executor is not supported by the swaglab runner: rejected before the run (exit code 104)
export const options = {
  scenarios: { remote: { executor: 'externally-controlled', vus: 1, maxVUs: 2, duration: '1s' } },
};

export default function () {}
