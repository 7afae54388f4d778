// Durations as text, both ways. Go-style text ("1m30s", "500ms", as k6 and our chaos plans write it) is read into
// milliseconds; milliseconds are written back in the style the reader of that text expects.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, us: 0.001, µs: 0.001, ns: 0.000001 };

export interface ParseDurationOptions {
  /**
   * What a bare number (a JS or YAML number, not a string) counts: k6 script options read it as milliseconds,
   * chaos plans as seconds. Each caller says which, so neither reading hides in the parser.
   * A bare numeric *string* ("3") is seconds either way, as in k6.
   */
  bareUnit: 'ms' | 's';
  /** Names the value in the error, e.g. `gracefulStop`. */
  what?: string;
}

/** Milliseconds of `500ms`, `1.5s`, `1m30s`, `2h`, `250us`, or of a bare number; throws "invalid X; expected …". */
export function parseDuration(value: unknown, { bareUnit, what = 'duration' }: ParseDurationOptions): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return bareUnit === 's' ? value * 1000 : value;
  if (typeof value !== 'string' || value.trim() === '') throw invalidDuration(what, value);
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
    consumed = part.lastIndex;
  }
  if (consumed !== text.length || consumed === 0) throw invalidDuration(what, value);
  return total;
}

function invalidDuration(what: string, value: unknown): Error {
  return new Error(`invalid ${what} ${JSON.stringify(value)}; expected e.g. "30s", "1m30s", "500ms"`);
}

/**
 * How a duration is written, by who reads it:
 * - `k6`: as k6's summary and progress line write it, two decimals: `1.23s`, `12.35ms`, `1m30.5s`, `250.00µs`;
 * - `plan`: exact and in a chaos plan's own syntax, so it reads back through `parseDuration`: `5s`, `1500ms`;
 * - `compact`: rounded to the second for a report's reader: `45s`, `3m 02s`, `1h 05m`; `unknown` when not a duration.
 */
export type DurationStyle = 'k6' | 'plan' | 'compact';

export function formatDuration(ms: number, { style }: { style: DurationStyle }): string {
  switch (style) {
    case 'k6':
      return k6Style(ms);
    case 'plan':
      return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
    case 'compact':
      return compactStyle(ms);
  }
}

function k6Style(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1) return `${(ms * 1000).toFixed(2)}µs`;
  if (ms < 1000) return `${round2(ms)}ms`;
  if (ms < 60_000) return `${round2(ms / 1000)}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m < 60) return `${m}m${round2(s)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${Math.round(s)}s`;
}

function compactStyle(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
