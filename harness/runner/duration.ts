// k6 accepts durations as Go-style strings ("1m30s", "500ms") or plain numbers;
// a bare number is milliseconds when it comes from JS options.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, us: 0.001, µs: 0.001, ns: 0.000001 };

export function parseDuration(value: unknown, what = 'duration'): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`invalid ${what} ${JSON.stringify(value)}; expected e.g. "30s", "1m30s", "500ms"`);
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000; // k6 treats a bare string number as seconds
  const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
    consumed = part.lastIndex;
  }
  if (consumed !== text.length || consumed === 0) {
    throw new Error(`invalid ${what} ${JSON.stringify(value)}; expected e.g. "30s", "1m30s", "500ms"`);
  }
  return total;
}

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1) return `${(ms * 1000).toFixed(2)}µs`;
  if (ms < 1000) return `${round2(ms)}ms`;
  if (ms < 60_000) return `${round2(ms / 1000)}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m < 60) return `${m}m${round2(s)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${Math.round(s)}s`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
