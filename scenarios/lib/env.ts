// Reading a scenario's __ENV settings, with defaults, the same on k6 and our runner.

export function envNumber(name: string, fallback: number): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`invalid ${name}; expected a number, got "${raw}"`);
  return n;
}

export function envString(name: string, fallback: string): string {
  const raw = __ENV[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** "90s", "2m", "1500ms", "1h" → seconds. */
export function durationSeconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`invalid duration; expected e.g. "30s" or "2m", got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 's' ? n : m[2] === 'm' ? n * 60 : n * 3600;
}

/** Replica names the lab runs (REPLICAS is set by `swaglab run`), for per-replica thresholds. */
export function replicaNames(): string[] {
  const count = envNumber('REPLICAS', 0);
  return Array.from({ length: count }, (_, i) => `replica-${i + 1}`);
}

/** A board id unique to this run, so repeated runs against one lab do not share history. */
export function runBoard(prefix: string): string {
  const suffix = (__ENV.RUN_ID || '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(-40);
  return suffix ? `${prefix}-${suffix}`.slice(0, 64) : prefix;
}
