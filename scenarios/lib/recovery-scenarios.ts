// The two k6 scenarios every recovery script runs: one long session per client
// (exec `client`) and a REST writer (exec `write`) that starts after the
// clients are in and stops before they settle their accounts.
export function recoveryScenarios(clients: number, totalMs: number, writesPerS: number) {
  const seconds = Math.round(totalMs / 1000);
  return {
    clients: {
      executor: 'per-vu-iterations',
      vus: clients,
      iterations: 1,
      maxDuration: `${seconds + 30}s`,
      exec: 'client',
    },
    writer: {
      executor: 'constant-arrival-rate',
      rate: writesPerS,
      timeUnit: '1s',
      startTime: '2s',
      duration: `${Math.max(1, seconds - 4)}s`,
      preAllocatedVUs: 4,
      maxVUs: 20,
      exec: 'write',
    },
  };
}
